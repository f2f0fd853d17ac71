"use client";

import { Download } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import type { TenantOption } from "@/components/admin/access-fields";
import { useTimeZone } from "@/components/ui/time";
import { fromZonedInput, toZonedInput } from "@/components/ui/time-format";
import { parseAuditFilterValues, serializeAuditFilterValues, type AuditFilterValues } from "./audit-url";

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100";

/**
 * The filters live in the URL, so a filtered view can be bookmarked and shared. From and To are
 * typed in the zone the table shows and put in the URL as ISO instants, so a shared link means the
 * same moment for every reader. Applying replaces the URL (no history entry per try; the page
 * re-renders on the server); without script it is a plain GET form.
 */
export function AuditFilters({
  values,
  tenants,
  exportHref,
}: {
  values: AuditFilterValues;
  tenants: readonly TenantOption[];
  exportHref: string;
}) {
  const zone = useTimeZone();
  const router = useRouter();
  const pathname = usePathname();
  const apply = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value !== "string") continue;
      form.set(key, (key === "from" || key === "to") && value !== "" ? (fromZonedInput(value, zone) ?? value) : value);
    }
    const query = serializeAuditFilterValues(parseAuditFilterValues(form));
    router.replace(query ? `${pathname}?${query}` : pathname);
  };
  return (
    <form
      method="get"
      onSubmit={apply}
      className="mb-4 grid grid-cols-2 items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-6 dark:border-slate-700 dark:bg-slate-900"
      aria-label="Audit filters"
    >
      <label className="text-xs font-medium text-slate-600 dark:text-slate-300">
        User (email)
        <input name="user" defaultValue={values.user} placeholder="ada@" className={inputClass} />
      </label>
      <label className="text-xs font-medium text-slate-600 dark:text-slate-300">
        Tenant
        <select name="tenant" defaultValue={values.tenant ?? ""} className={inputClass}>
          <option value="">all</option>
          {tenants.map((t) => (
            <option key={t.id} value={t.id}>
              {t.slug}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-600 dark:text-slate-300">
        Action (prefix)
        <input name="action" defaultValue={values.action} placeholder="user." className={inputClass} />
      </label>
      <label className="text-xs font-medium text-slate-600 dark:text-slate-300">
        From ({zone})
        <input
          key={`from-${zone}`}
          name="from"
          type="datetime-local"
          defaultValue={toZonedInput(values.from, zone)}
          className={inputClass}
        />
      </label>
      <label className="text-xs font-medium text-slate-600 dark:text-slate-300">
        To ({zone})
        <input
          key={`to-${zone}`}
          name="to"
          type="datetime-local"
          defaultValue={toZonedInput(values.to, zone)}
          className={inputClass}
        />
      </label>
      <div className="flex gap-2">
        <button
          type="submit"
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
        >
          Filter
        </button>
        <a
          href={exportHref}
          className="inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700"
          download
        >
          <Download className="h-4 w-4" aria-hidden />
          CSV
        </a>
      </div>
    </form>
  );
}
