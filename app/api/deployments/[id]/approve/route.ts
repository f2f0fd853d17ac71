import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { approveDeployment } from "@/server/deployments/service";

/** POST /api/deployments/{id}/approve — an admin other than the requester lets it roll out. */
export const POST = apiRoute<{ id: string }>(({ viewer, request, params, requestId }) =>
  approveDeployment(viewer, requestContext(request, requestId), params.id),
);
