import { changeEnvironment, deleteEnvironment } from "@/server/deployments/environment-admin";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { apiRoute } from "@/server/http/route";

/** PATCH /api/environments/{id} — `{ title?, protected?, settings? }` (environment.manage, audited). */
export const PATCH = apiRoute<{ id: string }>(async ({ request, viewer, params, requestId }) =>
  changeEnvironment(viewer, requestContext(request, requestId), params.id, await readJsonBody(request)),
);

/** DELETE /api/environments/{id} — only one that never had a deployment (environment.manage, audited). */
export const DELETE = apiRoute<{ id: string }>(async ({ request, viewer, params, requestId }) =>
  deleteEnvironment(viewer, requestContext(request, requestId), params.id),
);
