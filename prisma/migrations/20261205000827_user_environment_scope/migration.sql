-- AlterTable
ALTER TABLE "users" ADD COLUMN     "environment_scope" VARCHAR(40)[] DEFAULT ARRAY[]::VARCHAR(40)[];
