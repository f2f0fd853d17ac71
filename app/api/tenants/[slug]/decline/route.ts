import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { assertApprover, declineRequest } from "@/server/tenants/service";

/** POST /api/tenants/{slug}/decline — { reason } — shown to the requester. */
export const POST = apiRoute<{ slug: string }>(
  { tenant: { permission: null, first: ({ viewer }) => assertApprover(viewer) } },
  async ({ viewer, request, tenant, requestId }) =>
    declineRequest(viewer, requestContext(request, requestId), tenant, await readJsonBody(request)),
);
