"use client";

import { ROLES } from "@/server/auth/permissions";

export type TenantOption = { id: string; slug: string; name: string };
export type AccessValue = { globalRole: string | null; memberships: Record<string, string> };

const selectClass =
  "mt-1 block w-full rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-2 py-1.5 text-sm";

/** Global role plus one role per tenant ("none" = no membership); shared by create and edit. */
export function AccessFields({
  tenants,
  value,
  onChange,
  globalRoleDisabledReason,
}: {
  tenants: readonly TenantOption[];
  value: AccessValue;
  onChange: (value: AccessValue) => void;
  globalRoleDisabledReason?: string | null;
}) {
  const setMembership = (tenantId: string, role: string) => {
    const memberships = { ...value.memberships };
    if (role) memberships[tenantId] = role;
    else delete memberships[tenantId];
    onChange({ ...value, memberships });
  };
  return (
    <div className="space-y-4">
      <label className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        Global role (all tenants)
        <select
          className={selectClass}
          value={value.globalRole ?? ""}
          disabled={Boolean(globalRoleDisabledReason)}
          title={globalRoleDisabledReason ?? undefined}
          onChange={(e) => onChange({ ...value, globalRole: e.target.value || null })}
        >
          <option value="">none (tenant memberships only)</option>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </label>
      {globalRoleDisabledReason && (
        <p className="text-xs text-amber-700 dark:text-amber-300">{globalRoleDisabledReason}</p>
      )}
      <fieldset>
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Tenant memberships</legend>
        <div className="mt-1 space-y-2">
          {tenants.map((tenant) => (
            <label
              key={tenant.id}
              className="flex items-center justify-between gap-3 text-sm text-slate-700 dark:text-slate-300"
            >
              <span>
                {tenant.name}{" "}
                <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{tenant.slug}</span>
              </span>
              <select
                aria-label={`Role in ${tenant.slug}`}
                className="w-36 rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-2 py-1 text-sm"
                value={value.memberships[tenant.id] ?? ""}
                onChange={(e) => setMembership(tenant.id, e.target.value)}
              >
                <option value="">none</option>
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export function membershipsBody(value: AccessValue) {
  return Object.entries(value.memberships).map(([tenantId, role]) => ({ tenantId, role }));
}
