-- CreateEnum
CREATE TYPE "DeploymentState" AS ENUM ('PENDING_APPROVAL', 'QUEUED', 'ROLLING_OUT', 'SUCCEEDED', 'FAILED', 'CANCELED');

-- CreateTable
CREATE TABLE "environments" (
    "id" VARCHAR(40) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "driver" VARCHAR(40) NOT NULL,
    "protected" BOOLEAN NOT NULL DEFAULT false,
    "agent_seen_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "environments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployments" (
    "id" UUID NOT NULL,
    "environment_id" VARCHAR(40) NOT NULL,
    "tenant" VARCHAR(40) NOT NULL,
    "stage" VARCHAR(40) NOT NULL,
    "revision" INTEGER NOT NULL,
    "action" VARCHAR(20) NOT NULL,
    "version" VARCHAR(60) NOT NULL,
    "config" JSONB NOT NULL,
    "replicas" INTEGER NOT NULL,
    "state" "DeploymentState" NOT NULL,
    "reason" VARCHAR(500) NOT NULL,
    "rollback_of" INTEGER,
    "requested_by_id" UUID,
    "requested_by" VARCHAR(320) NOT NULL,
    "approved_by" VARCHAR(320),
    "message" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "deployments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployment_instances" (
    "instance_id" VARCHAR(100) NOT NULL,
    "environment_id" VARCHAR(40) NOT NULL,
    "tenant" VARCHAR(40) NOT NULL,
    "stage" VARCHAR(40) NOT NULL,
    "replica" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "state" VARCHAR(20) NOT NULL,
    "pid" INTEGER,
    "restarts" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ(3),
    "last_exit" VARCHAR(200),
    "last_exit_at" TIMESTAMPTZ(3),
    "log_tail" TEXT NOT NULL DEFAULT '',
    "reported_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deployment_instances_pkey" PRIMARY KEY ("instance_id")
);

-- CreateIndex
CREATE INDEX "deployments_state_idx" ON "deployments"("state");

-- CreateIndex
CREATE UNIQUE INDEX "deployments_environment_id_tenant_stage_revision_key" ON "deployments"("environment_id", "tenant", "stage", "revision");

-- CreateIndex
CREATE INDEX "deployment_instances_environment_id_tenant_stage_idx" ON "deployment_instances"("environment_id", "tenant", "stage");

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
