-- CreateTable
CREATE TABLE "tenant_moves" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "tenant" VARCHAR(40) NOT NULL,
    "environment_id" VARCHAR(40) NOT NULL,
    "from_placement" VARCHAR(40) NOT NULL,
    "to_placement" VARCHAR(40) NOT NULL,
    "state" VARCHAR(10) NOT NULL DEFAULT 'RUNNING',
    "step" VARCHAR(10) NOT NULL DEFAULT 'release',
    "message" VARCHAR(2000) NOT NULL DEFAULT '',
    "requested_by_id" UUID,
    "requested_by" VARCHAR(320) NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "step_started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "tenant_moves_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "tenant_moves_tenant_id_started_at_idx" ON "tenant_moves"("tenant_id", "started_at" DESC);

-- CreateIndex
CREATE INDEX "tenant_moves_state_idx" ON "tenant_moves"("state");
