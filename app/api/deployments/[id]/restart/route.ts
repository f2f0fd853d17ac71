import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { optionalJsonBody } from "@/server/deployments/optional-body";
import { restartDeployment } from "@/server/deployments/service";

/** POST /api/deployments/{id}/restart { reason? } — a new revision of the target that restarts its instances. */
export const POST = apiRoute<{ id: string }>(async ({ viewer, request, params, requestId }) =>
  restartDeployment(viewer, requestContext(request, requestId), params.id, await optionalJsonBody(request)),
);
