import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { rollbackDeployment } from "@/server/deployments/service";

/** POST /api/deployments/{id}/rollback { revision, reason } — a new deployment of an earlier revision. */
export const POST = apiRoute<{ id: string }>(async ({ viewer, request, params, requestId }) =>
  rollbackDeployment(viewer, requestContext(request, requestId), params.id, await readJsonBody(request)),
);
