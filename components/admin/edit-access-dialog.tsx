"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { fetchJson } from "@/components/ui/fetch-json";
import type { UserSummary } from "@/server/users/user-summary";
import { AccessFields, membershipsBody, type AccessValue, type TenantOption } from "./access-fields";

export function EditAccessDialog({
  user,
  tenants,
  globalRoleReason,
  onClose,
  onSaved,
}: {
  user: UserSummary;
  tenants: readonly TenantOption[];
  globalRoleReason: string | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [access, setAccess] = useState<AccessValue>({
    globalRole: user.globalRole,
    memberships: Object.fromEntries(user.memberships.map((m) => [m.tenantId, m.role])),
  });
  const save = useMutation({
    mutationFn: () =>
      fetchJson(`/api/users/${user.id}`, {
        method: "PATCH",
        body: { ...(globalRoleReason ? {} : { globalRole: access.globalRole }), memberships: membershipsBody(access) },
      }),
    onSuccess: () => { onSaved(); onClose(); },
  });
  return (
    <Dialog title={`Roles of ${user.name}`} onClose={onClose}>
      <form className="space-y-4" onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <AccessFields tenants={tenants} value={access} onChange={setAccess} globalRoleDisabledReason={globalRoleReason} />
        {save.error && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{save.error.message}</p>}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={save.isPending}>{save.isPending ? "Saving…" : "Save"}</Button>
        </div>
      </form>
    </Dialog>
  );
}
