import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { scaleDeployment } from "@/server/deployments/service";

/** PATCH /api/deployments/{id}/scale { replicas, reason? } — a new revision of the target with another replica count. */
export const PATCH = apiRoute<{ id: string }>(async ({ viewer, request, params, requestId }) =>
  scaleDeployment(viewer, requestContext(request, requestId), params.id, await readJsonBody(request)),
);
