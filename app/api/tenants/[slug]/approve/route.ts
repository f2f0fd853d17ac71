import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { approveRequest, assertApprover } from "@/server/tenants/service";

/** POST /api/tenants/{slug}/approve — a second admin approves; pre-flight must pass; provisioning starts. */
export const POST = apiRoute<{ slug: string }>(
  { tenant: { permission: null, first: ({ viewer }) => assertApprover(viewer) } },
  async ({ viewer, request, tenant, requestId }) => approveRequest(viewer, requestContext(request, requestId), tenant),
);
