import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { assignSourceSecret } from "@/server/tenants/service";

/** PUT /api/tenants/{slug}/source-secret — { passwordSecret } — an admin assigns the secret registered for the source's host. */
export const PUT = apiRoute<{ slug: string }>(async ({ viewer, request, params, requestId }) =>
  assignSourceSecret(viewer, requestContext(request, requestId), params.slug, await readJsonBody(request)),
);
