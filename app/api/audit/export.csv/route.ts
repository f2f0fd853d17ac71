import { NextResponse } from "next/server";
import { parseAuditFilter } from "@/server/audit/audit-filter";
import { exportAuditCsv } from "@/server/audit/export-audit";
import { assertAllowed } from "@/server/auth/viewer";
import { requestContext } from "@/server/http/json-body";
import { apiRoute } from "@/server/http/route";

/** The filtered audit events as a streamed CSV download (same filters as GET /api/audit). */
export const GET = apiRoute(async ({ request, viewer, requestId }) => {
  assertAllowed(viewer, "audit.read");
  const filter = parseAuditFilter(request.nextUrl.searchParams);
  const stream = await exportAuditCsv(viewer, requestContext(request, requestId), filter);
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "-");
  return new NextResponse(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="syncdeck-audit-${stamp}.csv"`,
    },
  });
});
