import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { suspendTenant } from "@/server/tenants/service";

/** POST /api/tenants/{slug}/suspend — stops the processors and pauses the connector; data stays. */
export const POST = apiRoute<{ slug: string }>(async ({ viewer, request, params, requestId }) =>
  suspendTenant(viewer, requestContext(request, requestId), params.slug),
);
