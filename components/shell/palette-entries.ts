import type { PaletteHit } from "@/server/palette/hits";
import type { Permission } from "@/server/auth/permissions";
import { SURFACES } from "./surfaces";

/** What the palette offers before the server answers: actions a person may take, by the permission each needs. */
const ACTIONS: readonly { label: string; detail: string; href: string; permission: Permission }[] = [
  { label: "Request a tenant", detail: "onboarding request form", href: "/tenants/new", permission: "tenant.request" },
  {
    label: "Replay dead letters",
    detail: "pick a tenant's DLQ on Retries",
    href: "/retries",
    permission: "dlq.replay",
  },
  { label: "Roll out, scale or roll back", detail: "Deployments", href: "/deployments", permission: "deploy.create" },
  { label: "Create an alert rule", detail: "Alerts", href: "/alerts", permission: "alert.manage" },
  { label: "Add a user", detail: "Admin", href: "/admin", permission: "user.manage" },
  { label: "Export the audit log", detail: "Audit", href: "/audit", permission: "audit.read" },
];

/** The pages and actions the viewer may open; `allowed` answers for a permission anywhere. Pure. */
export function paletteEntries(allowed: (permission: Permission) => boolean): PaletteHit[] {
  const pages = SURFACES.filter((s) => allowed(s.permission)).map((s): PaletteHit => ({
    kind: "page",
    label: s.label,
    detail: s.summary,
    href: s.href,
  }));
  const actions = ACTIONS.filter((a) => allowed(a.permission)).map((a): PaletteHit => ({
    kind: "action",
    label: a.label,
    detail: a.detail,
    href: a.href,
  }));
  return [...pages, ...actions];
}
