import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { assertMayAssignSecret, assignSourceSecret } from "@/server/tenants/service";

/** PUT /api/tenants/{slug}/source-secret — { passwordSecret } — an admin assigns the secret registered for the source's host. */
export const PUT = apiRoute<{ slug: string }>(
  { tenant: { permission: null, first: ({ viewer }) => assertMayAssignSecret(viewer) } },
  async ({ viewer, request, tenant, requestId }) =>
    assignSourceSecret(viewer, requestContext(request, requestId), tenant, await readJsonBody(request)),
);
