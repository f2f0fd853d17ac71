"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { fetchJson } from "@/components/ui/fetch-json";
import { FormFooter } from "@/components/ui/form-footer";
import type { UserSummary } from "@/server/admin/user-summary";
import { AccessFields, membershipsBody, type AccessValue, type TenantOption } from "./access-fields";

export function EditAccessDialog({
  user,
  tenants,
  environments,
  globalRoleReason,
  onClose,
  onSaved,
}: {
  user: UserSummary;
  tenants: readonly TenantOption[];
  environments: ReadonlyArray<{ id: string; name: string }>;
  globalRoleReason: string | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [access, setAccess] = useState<AccessValue>({
    globalRole: user.globalRole,
    memberships: Object.fromEntries(user.memberships.map((m) => [m.tenantId, m.role])),
  });
  const [scope, setScope] = useState<string[]>(user.environments);
  const save = useMutation({
    mutationFn: () =>
      fetchJson(`/api/users/${user.id}`, {
        method: "PATCH",
        body: {
          ...(globalRoleReason ? {} : { globalRole: access.globalRole }),
          memberships: membershipsBody(access),
          environments: scope,
        },
      }),
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  return (
    <Dialog title={`Roles of ${user.name}`} onClose={onClose}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <AccessFields
          tenants={tenants}
          value={access}
          onChange={setAccess}
          globalRoleDisabledReason={globalRoleReason}
        />
        <fieldset className="text-sm">
          <legend className="font-medium text-slate-900 dark:text-slate-100">May change deployments in</legend>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            None ticked: every environment. Ticked: only those (e.g. ops on staging only); reading is not limited.
          </p>
          <div className="mt-1 flex flex-wrap gap-3">
            {environments.map((e) => (
              <label key={e.id} className="flex items-center gap-1.5">
                <input
                  type="checkbox"
                  checked={scope.includes(e.id)}
                  onChange={(event) =>
                    setScope((s) => (event.target.checked ? [...s, e.id] : s.filter((id) => id !== e.id)))
                  }
                />
                {e.name} <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{e.id}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <FormFooter
          error={save.error}
          pending={save.isPending}
          label="Save"
          pendingLabel="Saving…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
