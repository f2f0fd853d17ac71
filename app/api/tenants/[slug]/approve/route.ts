import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { approveRequest } from "@/server/tenants/service";

/** POST /api/tenants/{slug}/approve — a second admin approves; pre-flight must pass; provisioning starts. */
export const POST = apiRoute<{ slug: string }>(async ({ viewer, request, params, requestId }) =>
  approveRequest(viewer, requestContext(request, requestId), params.slug),
);
