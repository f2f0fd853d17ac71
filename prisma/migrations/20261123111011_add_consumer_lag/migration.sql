-- CreateTable
CREATE TABLE "lag_group_state" (
    "group_id" VARCHAR(255) NOT NULL,
    "state" VARCHAR(40) NOT NULL,
    "members" INTEGER NOT NULL,
    "lag" BIGINT NOT NULL,
    "lag_seconds" DOUBLE PRECISION NOT NULL,
    "consume_per_second" DOUBLE PRECISION NOT NULL,
    "status" VARCHAR(10) NOT NULL,
    "reason" TEXT NOT NULL,
    "topics" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lag_group_state_pkey" PRIMARY KEY ("group_id")
);

-- CreateTable
CREATE TABLE "lag_group_samples" (
    "at" TIMESTAMPTZ(3) NOT NULL,
    "group_id" VARCHAR(255) NOT NULL,
    "topic" VARCHAR(255) NOT NULL,
    "lag" BIGINT NOT NULL,
    "lag_seconds" DOUBLE PRECISION NOT NULL,
    "end_sum" BIGINT NOT NULL,
    "committed_sum" BIGINT NOT NULL,
    "members" INTEGER NOT NULL,
    "status" VARCHAR(10) NOT NULL,

    CONSTRAINT "lag_group_samples_pkey" PRIMARY KEY ("group_id","topic","at")
);

-- CreateTable
CREATE TABLE "lag_rollups" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "group_id" VARCHAR(255) NOT NULL,
    "topic" VARCHAR(255) NOT NULL,
    "lag_max" BIGINT NOT NULL,
    "lag_avg" DOUBLE PRECISION NOT NULL,
    "lag_seconds_max" DOUBLE PRECISION NOT NULL,
    "end_sum" BIGINT NOT NULL,
    "committed_sum" BIGINT NOT NULL,
    "samples" INTEGER NOT NULL,

    CONSTRAINT "lag_rollups_pkey" PRIMARY KEY ("group_id","topic","bucket")
);

-- CreateTable
CREATE TABLE "lag_sampler_status" (
    "id" INTEGER NOT NULL,
    "sampled_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "groups" INTEGER NOT NULL,
    "partitions" INTEGER NOT NULL,
    "last_error" TEXT,

    CONSTRAINT "lag_sampler_status_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "lag_group_state_status_lag_idx" ON "lag_group_state"("status", "lag");

-- CreateIndex
CREATE INDEX "lag_group_samples_at_idx" ON "lag_group_samples"("at");

-- CreateIndex
CREATE INDEX "lag_rollups_bucket_idx" ON "lag_rollups"("bucket");

-- CreateIndex
CREATE INDEX "event_trail_tenant_stage_processed_at_idx" ON "event_trail"("tenant", "stage", "processed_at");
