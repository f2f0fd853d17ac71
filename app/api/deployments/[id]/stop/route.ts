import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { optionalJsonBody } from "@/server/deployments/optional-body";
import { stopDeployment } from "@/server/deployments/service";

/** POST /api/deployments/{id}/stop { reason? } — a new revision of the target that stops its instances. */
export const POST = apiRoute<{ id: string }>(async ({ viewer, request, params, requestId }) =>
  stopDeployment(viewer, requestContext(request, requestId), params.id, await optionalJsonBody(request)),
);
