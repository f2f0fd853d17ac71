import { NextResponse } from "next/server";
import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { getReconcileOverview, startReconcile } from "@/server/reconcile/service";

/** GET /api/tenants/:slug/reconcile — the latest runs with their progress, and what the viewer may do. */
export const GET = apiRoute<{ slug: string }>(async ({ viewer, params }) => getReconcileOverview(viewer, params.slug));

/** POST /api/tenants/:slug/reconcile — queue a run (reconcile.run, audited); 202 with it, or with the run already open (`created: false`). */
export const POST = apiRoute<{ slug: string }>(async ({ viewer, params, request, requestId }) => {
  const result = await startReconcile(viewer, params.slug, requestContext(request, requestId));
  return NextResponse.json(result, { status: 202 });
});
