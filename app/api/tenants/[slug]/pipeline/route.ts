import { getTenantPipeline } from "@/server/health/tenant-pipeline";
import { apiRoute } from "@/server/http/route";

/** GET /api/tenants/{slug}/pipeline?range=15m|1h|6h: stage status, instances, throughput, depth, latency. */
export const GET = apiRoute<{ slug: string }>(({ viewer, params, request }) =>
  getTenantPipeline(viewer, params.slug, Object.fromEntries(request.nextUrl.searchParams)),
);
