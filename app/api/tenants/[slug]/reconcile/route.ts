import { NextResponse } from "next/server";
import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { assertMayReconcile, getReconcileOverview, startReconcile } from "@/server/reconcile/service";

/** GET /api/tenants/:slug/reconcile — the latest runs with their progress, and what the viewer may do. */
export const GET = apiRoute<{ slug: string }>({ tenant: "tenant.read" }, async ({ viewer, tenant }) =>
  getReconcileOverview(viewer, tenant),
);

/** POST /api/tenants/:slug/reconcile — queue a run (reconcile.run, audited); 202 with it, or with the run already open (`created: false`). */
export const POST = apiRoute<{ slug: string }>(
  { tenant: { permission: "tenant.read", first: ({ viewer }) => assertMayReconcile(viewer) } },
  async ({ viewer, tenant, request, requestId }) => {
    const result = await startReconcile(viewer, tenant, requestContext(request, requestId));
    return NextResponse.json(result, { status: 202 });
  },
);
