import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { promoteTarget } from "@/server/deployments/promotion";

/** POST /api/deployments/promote { target, from, to, reason } — what runs in one environment, promoted to another. */
export const POST = apiRoute(async ({ viewer, request, requestId }) =>
  promoteTarget(viewer, requestContext(request, requestId), await readJsonBody(request)),
);
