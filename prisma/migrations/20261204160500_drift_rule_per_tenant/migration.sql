-- Every tenant has a reconciliation-drift rule from the start (provisioning creates it now); tenants
-- from before get theirs here rather than as a side effect of their first reconciliation run.
INSERT INTO alert_rules (id, tenant_id, name, kind, threshold, created_by, updated_at)
SELECT gen_random_uuid(), t.id, 'Reconciliation drift', 'reconcile_drift', 0, 'migration', now()
FROM tenants t
WHERE NOT EXISTS (SELECT 1 FROM alert_rules r WHERE r.tenant_id = t.id AND r.kind = 'reconcile_drift');
