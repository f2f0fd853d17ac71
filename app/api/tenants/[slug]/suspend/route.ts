import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { assertManager, suspendTenant } from "@/server/tenants/service";

/** POST /api/tenants/{slug}/suspend — stops the processors and pauses the connector; data stays. */
export const POST = apiRoute<{ slug: string }>(
  { tenant: { permission: null, first: ({ viewer }) => assertManager(viewer) } },
  async ({ viewer, request, tenant, requestId }) => suspendTenant(viewer, requestContext(request, requestId), tenant),
);
