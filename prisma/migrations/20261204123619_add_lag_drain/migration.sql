-- AlterTable
ALTER TABLE "lag_group_state" ADD COLUMN     "drain" JSONB;
