import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { cancelDeployment } from "@/server/deployments/service";

/** POST /api/deployments/{id}/cancel — drops a deployment that waits for approval or is queued. */
export const POST = apiRoute<{ id: string }>(({ viewer, request, params, requestId }) =>
  cancelDeployment(viewer, requestContext(request, requestId), params.id),
);
