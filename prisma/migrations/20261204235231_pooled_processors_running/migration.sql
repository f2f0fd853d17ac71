-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "processors_running" BOOLEAN NOT NULL DEFAULT true;
