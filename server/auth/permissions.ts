/**
 * The permission catalog and the default grants per role. The database is the source of truth at
 * run time (roles, permissions and role_permissions are data); the seed writes these defaults.
 */
export const PERMISSIONS = {
  "lag.read": "See pipeline health, consumer lag, throughput and latency, and alerts",
  "alert.manage": "Create, change and switch off alert rules and their webhooks",
  "flow.read": "See the CDC flow graph and connector state",
  "connector.manage": "Pause, resume and restart CDC connectors",
  "retry.read": "See retry queues",
  "dlq.read": "See dead-letter messages (health data masked)",
  "dlq.replay": "Replay, resolve or discard dead-letter messages",
  "deploy.read": "See deployments and environments",
  "deploy.create": "Create, scale, restart, stop and roll back deployments",
  "deploy.approve": "Approve deployments to protected environments",
  "environment.manage": "Add, change and remove the environments processors run in",
  "tenant.read": "See tenants and their settings",
  "tenant.request": "Request the onboarding of a new tenant",
  "tenant.approve": "Approve or decline tenant onboarding",
  "tenant.manage": "Change tenant settings, suspend and offboard tenants",
  "entity.read": "Look up members and claims (health data masked)",
  "entity.read_unmasked": "Reveal names, dates of birth and addresses (audited)",
  "entity.resync": "Request a re-sync of a member or claim",
  "reconcile.run": "Run a reconciliation of a tenant's target against its source",
  "user.manage": "Create users, set roles and tenant memberships",
  "audit.read": "Read and export the audit log",
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ROLES = ["admin", "ops", "product", "viewer"] as const;
export type RoleName = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<RoleName, string> = {
  admin: "Platform administrator: approvals, users, audit, everything ops can do",
  ops: "Operations / SRE: watch pipelines and act on them",
  product: "Product staff: look up members and claims, see sync state",
  viewer: "Read-only access to pipeline health",
};

const ALL = Object.keys(PERMISSIONS) as Permission[];

export const DEFAULT_GRANTS: Record<RoleName, readonly Permission[]> = {
  admin: ALL,
  ops: [
    "lag.read",
    "alert.manage",
    "flow.read",
    "connector.manage",
    "retry.read",
    "dlq.read",
    "dlq.replay",
    "deploy.read",
    "deploy.create",
    "tenant.read",
    "tenant.request",
    "entity.read",
    "entity.resync",
    "reconcile.run",
  ],
  product: [
    "lag.read",
    "flow.read",
    "retry.read",
    "dlq.read",
    "tenant.read",
    "tenant.request",
    "entity.read",
    "entity.read_unmasked",
    "entity.resync",
  ],
  viewer: ["lag.read", "flow.read", "retry.read", "deploy.read", "tenant.read", "tenant.request", "entity.read"],
};

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}
