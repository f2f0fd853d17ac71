import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { assertManager, offboardTenant } from "@/server/tenants/service";

/** POST /api/tenants/{slug}/offboard — { confirm: "<slug>" } — deletes what serves the pipeline, keeps records. */
export const POST = apiRoute<{ slug: string }>(
  { tenant: { permission: null, first: ({ viewer }) => assertManager(viewer) } },
  async ({ viewer, request, tenant, requestId }) =>
    offboardTenant(viewer, requestContext(request, requestId), tenant, await readJsonBody(request)),
);
