import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { declineRequest } from "@/server/tenants/service";

/** POST /api/tenants/{slug}/decline — { reason } — shown to the requester. */
export const POST = apiRoute<{ slug: string }>(async ({ viewer, request, params, requestId }) =>
  declineRequest(viewer, requestContext(request, requestId), params.slug, await readJsonBody(request)),
);
