-- CreateTable
CREATE TABLE "reconcile_runs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "status" VARCHAR(10) NOT NULL DEFAULT 'queued',
    "entities" JSONB NOT NULL DEFAULT '{}',
    "differences" INTEGER NOT NULL DEFAULT 0,
    "error" VARCHAR(2000),
    "requested_by" VARCHAR(320) NOT NULL,
    "requested_by_id" UUID,
    "lease_owner" VARCHAR(100),
    "heartbeat_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "reconcile_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reconcile_differences" (
    "run_id" UUID NOT NULL,
    "entity" VARCHAR(10) NOT NULL,
    "entity_id" VARCHAR(40) NOT NULL,
    "kind" VARCHAR(10) NOT NULL,
    "member_id" VARCHAR(40),
    "source_version" BIGINT,
    "target_version" BIGINT,

    CONSTRAINT "reconcile_differences_pkey" PRIMARY KEY ("run_id","entity","entity_id")
);

-- CreateIndex
CREATE INDEX "reconcile_runs_tenant_id_created_at_idx" ON "reconcile_runs"("tenant_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "reconcile_runs_status_idx" ON "reconcile_runs"("status");

-- AddForeignKey
ALTER TABLE "reconcile_differences" ADD CONSTRAINT "reconcile_differences_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "reconcile_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The permission to run reconciliations, granted to admins and ops where those roles exist (a
-- fresh database gets them from the seed).
INSERT INTO "permissions" ("key", "description") VALUES ('reconcile.run', 'Run a reconciliation of a tenant''s target against its source')
ON CONFLICT ("key") DO NOTHING;
INSERT INTO "role_permissions" ("role_name", "permission_key")
SELECT "name", 'reconcile.run' FROM "roles" WHERE "name" IN ('admin', 'ops')
ON CONFLICT DO NOTHING;
