import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { createDeployment, listDeployments } from "@/server/deployments/service";

/** GET /api/deployments?environment=&tenant=&stage=&limit= — history, newest first, with diffs. */
export const GET = apiRoute(({ viewer, request }) =>
  listDeployments(viewer, Object.fromEntries(request.nextUrl.searchParams)),
);

/** POST /api/deployments — deploy a stage of a tenant to an environment (a new revision). */
export const POST = apiRoute(async ({ viewer, request, requestId }) =>
  createDeployment(viewer, requestContext(request, requestId), await readJsonBody(request)),
);
