import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { assertMayRequest, getTenantDetail, resubmitRequest } from "@/server/tenants/service";

/** GET /api/tenants/{slug} — status, timeline, jobs with their steps, staff, lag and what the viewer may do. */
export const GET = apiRoute<{ slug: string }>({ tenant: null }, async ({ viewer, tenant }) =>
  getTenantDetail(viewer, tenant),
);

/** PUT /api/tenants/{slug} — the requester resubmits a declined request (same body as POST /api/tenants). */
export const PUT = apiRoute<{ slug: string }>(
  { tenant: { permission: null, first: ({ viewer }) => assertMayRequest(viewer) } },
  async ({ viewer, request, tenant, requestId }) =>
    resubmitRequest(viewer, requestContext(request, requestId), tenant, await readJsonBody(request)),
);
