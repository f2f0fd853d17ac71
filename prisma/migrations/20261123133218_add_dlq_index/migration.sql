-- CreateTable
CREATE TABLE "dlq_messages" (
    "id" BIGSERIAL NOT NULL,
    "tenant" VARCHAR(40) NOT NULL,
    "kind" VARCHAR(8) NOT NULL,
    "topic" VARCHAR(249) NOT NULL,
    "partition" INTEGER NOT NULL,
    "offset" BIGINT NOT NULL,
    "key" VARCHAR(200),
    "entity" VARCHAR(60),
    "stage" VARCHAR(60),
    "error_class" VARCHAR(200) NOT NULL,
    "fingerprint" VARCHAR(16) NOT NULL,
    "error_message" TEXT NOT NULL,
    "search_text" tsvector,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "original_topic" VARCHAR(249),
    "original_partition" INTEGER,
    "original_offset" BIGINT,
    "first_failed_at" TIMESTAMPTZ(3),
    "due_at" TIMESTAMPTZ(3),
    "written_at" TIMESTAMPTZ(3) NOT NULL,
    "header_format" VARCHAR(10) NOT NULL,
    "headers" JSONB NOT NULL,
    "payload" BYTEA,
    "source_lsn" DECIMAL(20,0),
    "state" VARCHAR(10) NOT NULL DEFAULT 'open',
    "state_reason" VARCHAR(500),
    "state_by" VARCHAR(200),
    "state_at" TIMESTAMPTZ(3),
    "replay_count" INTEGER NOT NULL DEFAULT 0,
    "indexed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dlq_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dlq_replay_jobs" (
    "id" UUID NOT NULL,
    "tenant" VARCHAR(40) NOT NULL,
    "target" VARCHAR(10) NOT NULL,
    "selection" JSONB NOT NULL,
    "rate_per_sec" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "cursor" BIGINT NOT NULL DEFAULT 0,
    "status" VARCHAR(10) NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "created_by" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "dlq_replay_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "dlq_messages_tenant_kind_state_id_idx" ON "dlq_messages"("tenant", "kind", "state", "id" DESC);

-- CreateIndex
CREATE INDEX "dlq_messages_tenant_kind_state_error_class_id_idx" ON "dlq_messages"("tenant", "kind", "state", "error_class", "id" DESC);

-- CreateIndex
CREATE INDEX "dlq_messages_tenant_kind_state_stage_id_idx" ON "dlq_messages"("tenant", "kind", "state", "stage", "id" DESC);

-- CreateIndex
CREATE INDEX "dlq_messages_tenant_kind_entity_id_idx" ON "dlq_messages"("tenant", "kind", "entity", "id" DESC);

-- CreateIndex
CREATE INDEX "dlq_messages_tenant_kind_key_id_idx" ON "dlq_messages"("tenant", "kind", "key", "id" DESC);

-- CreateIndex
CREATE INDEX "dlq_messages_tenant_kind_fingerprint_idx" ON "dlq_messages"("tenant", "kind", "fingerprint");

-- CreateIndex
CREATE INDEX "dlq_messages_tenant_kind_state_written_at_id_idx" ON "dlq_messages"("tenant", "kind", "state", "written_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "dlq_messages_search_text_idx" ON "dlq_messages" USING GIN ("search_text");

-- CreateIndex
CREATE UNIQUE INDEX "dlq_messages_topic_partition_offset_key" ON "dlq_messages"("topic", "partition", "offset");

-- CreateIndex
CREATE INDEX "dlq_replay_jobs_tenant_created_at_idx" ON "dlq_replay_jobs"("tenant", "created_at" DESC);

-- CreateIndex
CREATE INDEX "dlq_replay_jobs_status_idx" ON "dlq_replay_jobs"("status");
