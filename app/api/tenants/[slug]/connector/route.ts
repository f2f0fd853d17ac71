import { manageConnector } from "@/server/flow/connector-state";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { apiRoute } from "@/server/http/route";

/**
 * POST /api/tenants/{slug}/connector with {"action":"pause"|"resume"|"restart"} or
 * {"action":"restart-task","taskId":0}: needs connector.manage in the tenant; audited.
 */
export const POST = apiRoute<{ slug: string }>(
  { tenant: "connector.manage" },
  async ({ viewer, tenant, request, requestId }) =>
    manageConnector(viewer, requestContext(request, requestId), tenant, await readJsonBody(request)),
);
