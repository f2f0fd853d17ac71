-- CreateIndex
CREATE INDEX "event_trail_tenant_entity_ref_processed_at_idx" ON "event_trail"("tenant", "entity_ref", "processed_at");

-- CreateIndex
CREATE INDEX "target_members_tenant_last_name_first_name_idx" ON "target_members"("tenant", "last_name", "first_name");
