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
