-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "contacts" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "decline_reason" VARCHAR(1000),
ADD COLUMN     "entities" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "environment_id" VARCHAR(40),
ADD COLUMN     "requested_by" VARCHAR(320),
ADD COLUMN     "requested_by_id" UUID,
ADD COLUMN     "retention_hours" INTEGER NOT NULL DEFAULT 168,
ADD COLUMN     "source" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "tenant_events" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" VARCHAR(320) NOT NULL,
    "kind" VARCHAR(30) NOT NULL,
    "message" VARCHAR(1000) NOT NULL,

    CONSTRAINT "tenant_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tenant_jobs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "status" VARCHAR(10) NOT NULL DEFAULT 'queued',
    "steps" JSONB NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "error" VARCHAR(2000),
    "requested_by" VARCHAR(320) NOT NULL,
    "requested_by_id" UUID,
    "lease_owner" VARCHAR(100),
    "heartbeat_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "tenant_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "tenant_events_tenant_id_at_idx" ON "tenant_events"("tenant_id", "at");

-- CreateIndex
CREATE INDEX "tenant_jobs_tenant_id_created_at_idx" ON "tenant_jobs"("tenant_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "tenant_jobs_status_idx" ON "tenant_jobs"("status");

-- AddForeignKey
ALTER TABLE "tenant_events" ADD CONSTRAINT "tenant_events_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tenant_jobs" ADD CONSTRAINT "tenant_jobs_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
