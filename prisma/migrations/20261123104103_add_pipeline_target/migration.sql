-- CreateTable
CREATE TABLE "target_members" (
    "tenant" VARCHAR(40) NOT NULL,
    "member_id" VARCHAR(40) NOT NULL,
    "first_name" VARCHAR(100),
    "last_name" VARCHAR(100),
    "date_of_birth" DATE,
    "address_line" VARCHAR(200),
    "city" VARCHAR(100),
    "state" VARCHAR(2),
    "postal_code" VARCHAR(10),
    "plan_id" VARCHAR(40),
    "status" VARCHAR(20),
    "source_lsn" DECIMAL(20,0) NOT NULL,
    "source_version" BIGINT NOT NULL,
    "source_ts" TIMESTAMPTZ(3) NOT NULL,
    "applied_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "target_members_pkey" PRIMARY KEY ("tenant","member_id")
);

-- CreateTable
CREATE TABLE "target_claims" (
    "tenant" VARCHAR(40) NOT NULL,
    "claim_id" VARCHAR(40) NOT NULL,
    "member_id" VARCHAR(40) NOT NULL,
    "ndc" VARCHAR(11),
    "drug_name" VARCHAR(200),
    "pharmacy_id" VARCHAR(20),
    "quantity" INTEGER,
    "days_supply" INTEGER,
    "amount_billed" DECIMAL(16,4),
    "amount_paid" DECIMAL(16,4),
    "status" VARCHAR(20),
    "fill_date" DATE,
    "source_lsn" DECIMAL(20,0) NOT NULL,
    "source_version" BIGINT NOT NULL,
    "source_ts" TIMESTAMPTZ(3) NOT NULL,
    "applied_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "target_claims_pkey" PRIMARY KEY ("tenant","claim_id")
);

-- CreateTable
CREATE TABLE "processor_heartbeats" (
    "instance_id" VARCHAR(100) NOT NULL,
    "tenant" VARCHAR(40) NOT NULL,
    "stage" VARCHAR(40) NOT NULL,
    "version" VARCHAR(60) NOT NULL,
    "pid" INTEGER NOT NULL,
    "host" VARCHAR(200) NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "last_beat_at" TIMESTAMPTZ(3) NOT NULL,
    "counts" JSONB NOT NULL,
    "last_error" TEXT,

    CONSTRAINT "processor_heartbeats_pkey" PRIMARY KEY ("instance_id")
);

-- CreateIndex
CREATE INDEX "target_claims_tenant_member_id_idx" ON "target_claims"("tenant", "member_id");

-- CreateIndex
CREATE INDEX "processor_heartbeats_tenant_stage_idx" ON "processor_heartbeats"("tenant", "stage");

-- -----------------------------------------------------------------------------------------------
-- Hand-written below this line: Prisma cannot declare a partitioned table, so event_trail is
-- created here, column for column, index for index, as the EventTrail model in schema.prisma
-- describes it (the drift test checks they agree), plus the partition maintenance function.
--
-- event_trail: what each pipeline stage did with each entity change (DESIGN.md "event trail").
-- Append-only, high volume (one row per entity update per stage), so it is range-partitioned by
-- day on processed_at (UTC days): retention drops whole partitions instead of deleting rows, and
-- lookups of recent activity touch only recent partitions. Besides the key (its id is monotonic, so
-- cheap to maintain) only one index, for the console's entity lookup (a member and everything
-- keyed by them): every extra index slows the hot path.
CREATE SEQUENCE "event_trail_id_seq" AS BIGINT;

CREATE TABLE "event_trail" (
    "id"           BIGINT NOT NULL DEFAULT nextval('event_trail_id_seq'),
    "tenant"       VARCHAR(40) NOT NULL,
    "entity_ref"   VARCHAR(60) NOT NULL,   -- member:<id> / claim:<id>
    "member_id"    VARCHAR(40),
    "stage"        VARCHAR(40) NOT NULL,
    "topic"        VARCHAR(249) NOT NULL,
    "partition"    INTEGER NOT NULL,
    "offset"       BIGINT NOT NULL,
    "source_lsn"   DECIMAL(20,0),
    "source_ts"    TIMESTAMPTZ(3),
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome"      VARCHAR(20) NOT NULL,
    "error"        TEXT,
    CONSTRAINT "event_trail_pkey" PRIMARY KEY ("id", "processed_at"),
    CONSTRAINT "event_trail_outcome_check"
        CHECK ("outcome" IN ('applied', 'skipped_stale', 'produced', 'retried', 'dead_lettered', 'failed'))
) PARTITION BY RANGE ("processed_at");

ALTER SEQUENCE "event_trail_id_seq" OWNED BY "event_trail"."id";

CREATE INDEX "event_trail_tenant_member_id_processed_at_idx" ON "event_trail" ("tenant", "member_id", "processed_at");

-- Creates the day partitions from yesterday to `days_ahead` days ahead and drops those whose day
-- ended more than `retention_days` days ago. Idempotent; an advisory lock serialises concurrent
-- callers (every processor calls it at start and daily). Partitions are named event_trail_pYYYYMMDD.
-- Returns the number of partitions dropped.
CREATE FUNCTION "event_trail_maintain"(retention_days INTEGER DEFAULT 7, days_ahead INTEGER DEFAULT 2)
RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
    today DATE := (now() AT TIME ZONE 'UTC')::date;
    day DATE;
    part RECORD;
    dropped INTEGER := 0;
BEGIN
    IF retention_days < 1 THEN
        RAISE EXCEPTION 'event_trail retention must be at least 1 day (got %)', retention_days;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('event_trail_maintain'));
    FOR i IN -1..days_ahead LOOP
        day := today + i;
        EXECUTE format(
            'CREATE TABLE IF NOT EXISTS %I PARTITION OF "event_trail" FOR VALUES FROM (%L) TO (%L)',
            'event_trail_p' || to_char(day, 'YYYYMMDD'),
            (day::timestamp AT TIME ZONE 'UTC'),
            ((day + 1)::timestamp AT TIME ZONE 'UTC'));
    END LOOP;
    FOR part IN
        SELECT c.relname FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = '"event_trail"'::regclass AND c.relname ~ '^event_trail_p[0-9]{8}$'
    LOOP
        -- the partition holds [day, day + 1); it has aged out once day + 1 <= today - retention
        IF to_date(substring(part.relname FROM 14), 'YYYYMMDD') + 1 <= today - retention_days THEN
            EXECUTE format('DROP TABLE %I', part.relname);
            dropped := dropped + 1;
        END IF;
    END LOOP;
    RETURN dropped;
END;
$$;
