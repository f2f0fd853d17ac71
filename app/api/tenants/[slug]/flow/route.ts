import { getTenantFlow } from "@/server/flow/tenant-flow";
import { apiRoute } from "@/server/http/route";

/** GET /api/tenants/{slug}/flow: the tenant's flow graph, topics with partitions, stages with instances, connector state. */
export const GET = apiRoute<{ slug: string }>({ tenant: "flow.read" }, async ({ viewer, tenant }) =>
  getTenantFlow(viewer, tenant),
);
