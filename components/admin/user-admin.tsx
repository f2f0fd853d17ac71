"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { fetchJson } from "@/components/ui/fetch-json";
import { usePagedQuery } from "@/components/ui/use-paged-query";
import { Pager } from "@/components/ui/pager";
import { QueryError } from "@/components/ui/query-error";
import type { UsersPage } from "@/server/admin/list-users";
import type { UserSummary } from "@/server/admin/user-summary";
import type { TenantOption } from "./access-fields";
import { CreateUserDialog } from "./create-user-dialog";
import { EditAccessDialog } from "./edit-access-dialog";
import { UserRow } from "./user-row";
import { UserSessionsDialog } from "./user-sessions-dialog";
import { rowGuards } from "./user-guards";

const USERS_KEY = ["users"];

/** Users a page at a time, by email; the first page comes rendered from the server. */
export function UserAdmin({
  initial,
  tenants,
  environments,
}: {
  initial: UsersPage;
  tenants: TenantOption[];
  environments: Array<{ id: string; name: string }>;
}) {
  const queryClient = useQueryClient();
  const { data, error, refetch, busy, onPage, onPageSize } = usePagedQuery(USERS_KEY, "/api/users", initial);
  const users = data.users;
  const refresh = () => queryClient.invalidateQueries({ queryKey: USERS_KEY });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const [sessionsOf, setSessionsOf] = useState<UserSummary | null>(null);
  const toggle = useMutation({
    mutationFn: (user: UserSummary) =>
      fetchJson(`/api/users/${user.id}`, { method: "PATCH", body: { disabled: !user.disabled } }),
    onSettled: refresh,
  });

  return (
    <Card>
      <CardHeader
        title={`${data.total} users`}
        description="A global role applies to every tenant; a membership gives a role in one tenant."
        action={
          <Button variant="primary" onClick={() => setCreating(true)}>
            <UserPlus className="mr-1.5 inline h-4 w-4" aria-hidden />
            Create user
          </Button>
        }
      />
      {error && <QueryError what="Could not load the users" error={error} refetch={refetch} className="mx-5 mt-3" />}
      {toggle.error && (
        <p className="mx-5 mt-3 rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-700 dark:text-red-300">
          {toggle.error.message}
        </p>
      )}
      <table className="w-full text-left text-sm" data-testid="user-table">
        <thead className="border-b border-slate-200 dark:border-slate-700 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
          <tr>
            <th className="px-5 py-3 font-medium">User</th>
            <th className="px-5 py-3 font-medium">Global role</th>
            <th className="px-5 py-3 font-medium">Tenant memberships</th>
            <th className="px-5 py-3 font-medium">Status</th>
            <th className="px-5 py-3 font-medium">Last sign-in</th>
            <th className="px-5 py-3 text-right font-medium">Actions</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {users.map((user) => (
            <UserRow
              key={user.id}
              user={user}
              guards={rowGuards(data.enabledAdminIds, user)}
              busy={toggle.isPending && toggle.variables?.id === user.id}
              onEdit={() => setEditing(user)}
              onSessions={() => setSessionsOf(user)}
              onToggle={() => toggle.mutate(user)}
            />
          ))}
        </tbody>
      </table>
      <Pager state={data} label="Users" busy={busy} onPage={onPage} onPageSize={onPageSize} />
      {sessionsOf && <UserSessionsDialog user={sessionsOf} onClose={() => setSessionsOf(null)} />}
      {creating && <CreateUserDialog tenants={tenants} onClose={() => setCreating(false)} onCreated={refresh} />}
      {editing && (
        <EditAccessDialog
          user={editing}
          tenants={tenants}
          environments={environments}
          globalRoleReason={rowGuards(data.enabledAdminIds, editing).globalRoleReason}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      )}
    </Card>
  );
}
