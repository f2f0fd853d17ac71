import { setEnvironmentCluster } from "@/server/clusters/cluster-admin";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { apiRoute } from "@/server/http/route";

/** PUT /api/admin/environments/{id}/cluster — `{ cluster }`, null for the default one (environment.manage, audited). */
export const PUT = apiRoute<{ id: string }>(async ({ request, viewer, params, requestId }) =>
  setEnvironmentCluster(viewer, requestContext(request, requestId), params.id, await readJsonBody(request)),
);
