import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { getTenantDetail, resubmitRequest } from "@/server/tenants/service";

/** GET /api/tenants/{slug} — status, timeline, jobs with their steps, staff, lag and what the viewer may do. */
export const GET = apiRoute<{ slug: string }>(async ({ viewer, params }) => getTenantDetail(viewer, params.slug));

/** PUT /api/tenants/{slug} — the requester resubmits a declined request (same body as POST /api/tenants). */
export const PUT = apiRoute<{ slug: string }>(async ({ viewer, request, params, requestId }) =>
  resubmitRequest(viewer, requestContext(request, requestId), params.slug, await readJsonBody(request)),
);
