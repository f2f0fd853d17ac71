import { apiRoute } from "@/server/http/route";
import { listReconcileDifferences } from "@/server/reconcile/service";

/** GET /api/tenants/:slug/reconcile/:runId/differences?entity=&cursor=&limit= — differing ids, keyset-paged. */
export const GET = apiRoute<{ slug: string; runId: string }>(
  { tenant: "tenant.read" },
  async ({ tenant, params, request }) =>
    listReconcileDifferences(tenant, params.runId, Object.fromEntries(request.nextUrl.searchParams)),
);
