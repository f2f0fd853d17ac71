/**
 * Every tenant has a reconciliation-drift rule from the start (provisioning, the demo seed, and a
 * migration for tenants from before), so the first reconciliation run does not have to create one
 * as a side effect. People may change its threshold or switch it off on /alerts; it is not re-created.
 */
import "server-only";
import type { PrismaClient } from "../db/generated/client";

export const DRIFT_RULE = { name: "Reconciliation drift", kind: "reconcile_drift", threshold: 0 } as const;

type Db = Pick<PrismaClient, "alertRule">;

/** Creates the tenant's drift rule unless it has one; returns whether it created it. */
export async function ensureDriftRule(db: Db, tenantId: string, createdBy: string): Promise<boolean> {
  if ((await db.alertRule.count({ where: { tenantId, kind: DRIFT_RULE.kind } })) > 0) return false;
  await db.alertRule.create({ data: { tenantId, ...DRIFT_RULE, createdBy } });
  return true;
}
