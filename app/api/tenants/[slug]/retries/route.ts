import { getRetryOverview } from "@/server/retries/retry-overview";
import { apiRoute } from "@/server/http/route";

/** GET /api/tenants/{slug}/retries?range=15m|1h|6h: waiting messages, groups by cause, depth and age over time. */
export const GET = apiRoute<{ slug: string }>({ tenant: "retry.read" }, async ({ tenant, request }) =>
  getRetryOverview(tenant, Object.fromEntries(request.nextUrl.searchParams)),
);
