-- AlterTable
ALTER TABLE "environments" ADD COLUMN     "agent_connected_at" TIMESTAMPTZ(3),
ADD COLUMN     "agent_token_created_at" TIMESTAMPTZ(3),
ADD COLUMN     "agent_token_hash" VARCHAR(100);
