import { getRetryOverview } from "@/server/dlq/retry-overview";
import { apiRoute } from "@/server/http/route";

/** GET /api/tenants/{slug}/retries?range=15m|1h|6h: waiting messages, groups by cause, depth and age over time. */
export const GET = apiRoute<{ slug: string }>(({ viewer, params, request }) =>
  getRetryOverview(viewer, params.slug, Object.fromEntries(request.nextUrl.searchParams)),
);
