import type { Permission } from "@/server/auth/permissions";

/** The console's surfaces, in navigation order, with the permission each needs to open. */
export type Surface = {
  href: string;
  label: string;
  group: "Operate" | "Product" | "Change" | "Govern";
  permission: Permission;
  summary: string;
};

export const SURFACES: readonly Surface[] = [
  {
    href: "/health",
    label: "Health",
    group: "Operate",
    permission: "lag.read",
    summary: "Every tenant's pipeline at a glance",
  },
  { href: "/flow", label: "Flow", group: "Operate", permission: "flow.read", summary: "CDC flow graph and connectors" },
  {
    href: "/lag",
    label: "Lag",
    group: "Operate",
    permission: "lag.read",
    summary: "Consumer lag in messages and seconds",
  },
  {
    href: "/alerts",
    label: "Alerts",
    group: "Operate",
    permission: "lag.read",
    summary: "Alert rules, webhooks and what fired",
  },
  {
    href: "/retries",
    label: "Retries",
    group: "Operate",
    permission: "retry.read",
    summary: "Retry queues and the dead-letter topic",
  },
  {
    href: "/lookup",
    label: "Lookup",
    group: "Product",
    permission: "entity.read",
    summary: "A member's claims and their sync state",
  },
  {
    href: "/deployments",
    label: "Deployments",
    group: "Change",
    permission: "deploy.read",
    summary: "Roll out, scale and roll back processors",
  },
  {
    href: "/tenants",
    label: "Tenants",
    group: "Change",
    permission: "tenant.read",
    summary: "Tenant orgs and onboarding",
  },
  {
    href: "/admin",
    label: "Admin",
    group: "Govern",
    permission: "user.manage",
    summary: "Users, roles and memberships",
  },
  { href: "/audit", label: "Audit", group: "Govern", permission: "audit.read", summary: "Who did what, when" },
];
