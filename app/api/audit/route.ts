import { parseAuditFilter } from "@/server/audit/audit-filter";
import { listAuditEvents } from "@/server/audit/list-audit";
import { assertAllowed } from "@/server/auth/viewer";
import { apiRoute } from "@/server/http/route";

/** Audit events, newest first: ?user=&tenant=&action=&from=&to=&cursor=&limit= */
export const GET = apiRoute(async ({ request, viewer }) => {
  assertAllowed(viewer, "audit.read");
  return listAuditEvents(viewer, parseAuditFilter(request.nextUrl.searchParams));
});
