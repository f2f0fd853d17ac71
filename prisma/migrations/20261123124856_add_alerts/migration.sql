-- CreateTable
CREATE TABLE "alert_rules" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "stage" VARCHAR(40),
    "threshold" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "statuses" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "for_minutes" INTEGER NOT NULL DEFAULT 0,
    "webhook_url" VARCHAR(2000),
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "pending_since" TIMESTAMPTZ(3),
    "last_value" DOUBLE PRECISION,
    "evaluated_at" TIMESTAMPTZ(3),
    "created_by" VARCHAR(320) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_events" (
    "id" BIGSERIAL NOT NULL,
    "rule_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "fired_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "value" DOUBLE PRECISION NOT NULL,
    "summary" TEXT NOT NULL,

    CONSTRAINT "alert_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "event_id" BIGINT NOT NULL,
    "transition" VARCHAR(10) NOT NULL,
    "url" VARCHAR(2000) NOT NULL,
    "payload" JSONB NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alert_rules_tenant_id_idx" ON "alert_rules"("tenant_id");

-- CreateIndex
CREATE INDEX "alert_events_tenant_id_fired_at_idx" ON "alert_events"("tenant_id", "fired_at");

-- CreateIndex
CREATE INDEX "alert_events_rule_id_fired_at_idx" ON "alert_events"("rule_id", "fired_at");

-- CreateIndex
CREATE INDEX "alert_deliveries_next_attempt_at_idx" ON "alert_deliveries"("next_attempt_at");

-- CreateIndex
CREATE INDEX "alert_deliveries_event_id_idx" ON "alert_deliveries"("event_id");

-- AddForeignKey
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rules"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "alert_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;
