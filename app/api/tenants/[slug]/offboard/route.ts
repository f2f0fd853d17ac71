import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { offboardTenant } from "@/server/tenants/service";

/** POST /api/tenants/{slug}/offboard — { confirm: "<slug>" } — deletes what serves the pipeline, keeps records. */
export const POST = apiRoute<{ slug: string }>(async ({ viewer, request, params, requestId }) =>
  offboardTenant(viewer, requestContext(request, requestId), params.slug, await readJsonBody(request)),
);
