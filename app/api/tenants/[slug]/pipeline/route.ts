import { getTenantPipeline, pipelineQuery } from "@/server/health/tenant-pipeline";
import { apiRoute } from "@/server/http/route";

/** GET /api/tenants/{slug}/pipeline?range=15m|1h|6h: stage status, instances, throughput, depth, latency. */
export const GET = apiRoute<{ slug: string }>(
  {
    tenant: {
      permission: "lag.read",
      first: ({ request }) => void pipelineQuery.parse(Object.fromEntries(request.nextUrl.searchParams)),
    },
  },
  async ({ viewer, tenant, request }) =>
    getTenantPipeline(viewer, tenant, Object.fromEntries(request.nextUrl.searchParams)),
);
