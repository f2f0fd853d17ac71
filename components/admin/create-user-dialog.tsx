"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { fetchJson } from "@/components/ui/fetch-json";
import { FormFooter } from "@/components/ui/form-footer";
import type { UserSummary } from "@/server/admin/user-summary";
import { AccessFields, membershipsBody, type AccessValue, type TenantOption } from "./access-fields";

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 dark:border-slate-600 px-3 py-1.5 text-sm";

type Created = { user: UserSummary; generatedPassword: string | null };

export function CreateUserDialog({
  tenants,
  onClose,
  onCreated,
}: {
  tenants: readonly TenantOption[];
  onClose: () => void;
  onCreated: () => void;
}) {
  const [access, setAccess] = useState<AccessValue>({ globalRole: null, memberships: {} });
  const create = useMutation({
    mutationFn: (form: FormData) =>
      fetchJson<Created>("/api/users", {
        method: "POST",
        body: {
          email: String(form.get("email") ?? ""),
          name: String(form.get("name") ?? ""),
          password: String(form.get("password") ?? "") || undefined,
          globalRole: access.globalRole,
          memberships: membershipsBody(access),
        },
      }),
    onSuccess: onCreated,
  });

  if (create.data) {
    return (
      <Dialog title="User created" onClose={onClose}>
        <p className="text-sm text-slate-700 dark:text-slate-300">{create.data.user.email} can sign in now.</p>
        {create.data.generatedPassword && (
          <div className="mt-3 rounded-md bg-amber-50 dark:bg-amber-950/40 p-3 text-sm text-amber-900 dark:text-amber-100">
            <p>Initial password — shown this once, pass it on securely:</p>
            <p className="mt-1 select-all font-mono text-base" data-testid="generated-password">
              {create.data.generatedPassword}
            </p>
          </div>
        )}
        <div className="mt-4 flex justify-end">
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title="Create user" onClose={onClose}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(new FormData(e.currentTarget));
        }}
      >
        <label className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          Email
          <input name="email" type="email" required className={inputClass} />
        </label>
        <label className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          Name
          <input name="name" required className={inputClass} />
        </label>
        <label className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          Initial password
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            placeholder="leave empty to generate one"
            className={inputClass}
          />
        </label>
        <AccessFields tenants={tenants} value={access} onChange={setAccess} />
        <FormFooter
          error={create.error}
          pending={create.isPending}
          label="Create user"
          pendingLabel="Creating…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
