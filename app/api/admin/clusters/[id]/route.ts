import { changeCluster, deleteCluster } from "@/server/clusters/cluster-admin";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { apiRoute } from "@/server/http/route";

/** PATCH /api/admin/clusters/{id} — any field but the name; null clears (environment.manage, audited). */
export const PATCH = apiRoute<{ id: string }>(async ({ request, viewer, params, requestId }) =>
  changeCluster(viewer, requestContext(request, requestId), params.id, await readJsonBody(request)),
);

/** DELETE /api/admin/clusters/{id} — only one no environment uses (409 otherwise; environment.manage, audited). */
export const DELETE = apiRoute<{ id: string }>(async ({ request, viewer, params, requestId }) =>
  deleteCluster(viewer, requestContext(request, requestId), params.id),
);
