import { ClipboardList } from "lucide-react";
import Link from "@/components/ui/link";
import { ZodError } from "zod";
import { AuditFilters } from "@/components/audit/audit-filters";
import {
  parseAuditFilterValues,
  serializeAuditFilterValues,
  type AuditFilterValues,
} from "@/components/audit/audit-url";
import { AuditTable } from "@/components/audit/audit-table";
import { SurfacePage } from "@/components/shell/surface-page";
import { EmptyState } from "@/components/ui/empty-state";
import { parseAuditFilter } from "@/server/audit/audit-filter";
import { listAuditEvents } from "@/server/audit/list-audit";
import { listTenants } from "@/server/tenants/list-tenants";
import { AppError } from "@/server/errors";
import { decideAccess, type Viewer } from "@/server/auth/access";

export const metadata = { title: "Audit" };

function filterValues(raw: Record<string, string | string[] | undefined>): AuditFilterValues {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) if (typeof value === "string") params.set(key, value);
  return parseAuditFilterValues(params);
}

async function AuditContent({
  viewer,
  values,
  cursor,
}: {
  viewer: Viewer;
  values: AuditFilterValues;
  cursor?: string;
}) {
  const query = serializeAuditFilterValues(values);
  const tenants = decideAccess(viewer, "tenant.read").allowed ? await listTenants(viewer) : [];
  const filters = <AuditFilters values={values} tenants={tenants} exportHref={`/api/audit/export.csv?${query}`} />;
  let page;
  try {
    page = await listAuditEvents(
      viewer,
      parseAuditFilter(new URLSearchParams({ ...values, ...(cursor && { cursor }) })),
    );
  } catch (error) {
    const message =
      error instanceof AppError
        ? error.message
        : error instanceof ZodError
          ? error.issues.map((i) => `${i.path.join(".") || "filter"}: ${i.message}`).join("; ")
          : null;
    if (message === null) throw error;
    return (
      <>
        {filters}
        <p
          className="rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-700 dark:text-red-300"
          role="status"
        >
          {message}
        </p>
      </>
    );
  }
  if (page.events.length === 0) {
    return (
      <>
        {filters}
        <EmptyState icon={ClipboardList} title="No audit events match">
          Change the filters, or come back after the next change.
        </EmptyState>
      </>
    );
  }
  return (
    <>
      {filters}
      <AuditTable events={page.events} />
      <nav className="mt-4 flex justify-between text-sm" aria-label="Audit pages">
        {cursor ? (
          <Link href={`/audit?${query}`} className="text-indigo-700 dark:text-indigo-300 hover:underline">
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {page.nextCursor && (
          <Link
            href={`/audit?${new URLSearchParams({ ...values, cursor: page.nextCursor })}`}
            className="text-indigo-700 dark:text-indigo-300 hover:underline"
          >
            Older →
          </Link>
        )}
      </nav>
    </>
  );
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const cursor = typeof raw.cursor === "string" ? raw.cursor : undefined;
  return (
    <SurfacePage
      permission="audit.read"
      title="Audit"
      description="Every change and every reveal of unmasked health data: who, what, when."
    >
      {(viewer) => <AuditContent viewer={viewer} values={filterValues(raw)} cursor={cursor} />}
    </SurfacePage>
  );
}
