"use client";

import { Button } from "@/components/ui/button";
import { StatusPill } from "@/components/ui/status-dot";
import type { UserSummary } from "@/server/admin/user-summary";
import { Time } from "@/components/ui/time";

export function UserRow({
  user,
  guards,
  busy,
  onEdit,
  onSessions,
  onToggle,
}: {
  user: UserSummary;
  guards: { disableReason: string | null; globalRoleReason: string | null };
  busy: boolean;
  onEdit: () => void;
  onSessions: () => void;
  onToggle: () => void;
}) {
  return (
    <tr className="hover:bg-slate-50 dark:hover:bg-slate-800/50" data-testid={`user-${user.email}`}>
      <td className="px-5 py-3">
        <p className="font-medium text-slate-900 dark:text-slate-100">{user.name}</p>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {user.email}
          {user.signsInWith === "sso" && " · SSO"}
        </p>
      </td>
      <td className="px-5 py-3">
        {user.globalRole ?? <span className="text-slate-500 dark:text-slate-400">—</span>}
        {user.environments.length > 0 && (
          <p className="text-xs text-amber-700 dark:text-amber-300" data-testid="environment-scope">
            deploys only in {user.environments.join(", ")}
          </p>
        )}
      </td>
      <td className="px-5 py-3">
        {user.memberships.length === 0 && <span className="text-slate-500 dark:text-slate-400">—</span>}
        <ul className="flex flex-wrap gap-1">
          {user.memberships.map((m) => (
            <li
              key={m.tenantId}
              className="rounded bg-slate-100 dark:bg-slate-800 px-1.5 py-0.5 text-xs text-slate-700 dark:text-slate-300"
              title={m.tenantName}
            >
              {m.tenantSlug}: {m.role}
            </li>
          ))}
        </ul>
      </td>
      <td className="px-5 py-3">
        {user.disabled ? <StatusPill tone="idle" label="Disabled" /> : <StatusPill tone="ok" label="Enabled" />}
      </td>
      <td className="px-5 py-3 text-slate-500 dark:text-slate-400">
        {user.lastLoginAt ? <Time at={user.lastLoginAt} style="minute" /> : "never"}
      </td>
      <td className="space-x-2 whitespace-nowrap px-5 py-3 text-right">
        <Button onClick={onEdit}>Roles</Button>
        <Button onClick={onSessions}>Sessions</Button>
        <Button
          variant={user.disabled ? "secondary" : "danger"}
          disabled={busy}
          disabledReason={guards.disableReason}
          onClick={onToggle}
        >
          {user.disabled ? "Enable" : "Disable"}
        </Button>
      </td>
    </tr>
  );
}
