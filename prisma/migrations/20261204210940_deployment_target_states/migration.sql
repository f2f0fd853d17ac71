-- AlterTable
ALTER TABLE "deployment_instances" ADD COLUMN     "log_note" TEXT;

-- CreateTable
CREATE TABLE "deployment_target_states" (
    "environment_id" VARCHAR(40) NOT NULL,
    "tenant" VARCHAR(40) NOT NULL,
    "stage" VARCHAR(40) NOT NULL,
    "health" VARCHAR(20) NOT NULL,
    "sync" VARCHAR(20) NOT NULL,
    "reason" TEXT NOT NULL,
    "drift" JSONB NOT NULL DEFAULT '[]',
    "observed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deployment_target_states_pkey" PRIMARY KEY ("environment_id","tenant","stage")
);

-- CreateTable
CREATE TABLE "deployment_log_requests" (
    "environment_id" VARCHAR(40) NOT NULL,
    "tenant" VARCHAR(40) NOT NULL,
    "stage" VARCHAR(40) NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deployment_log_requests_pkey" PRIMARY KEY ("environment_id","tenant","stage")
);
