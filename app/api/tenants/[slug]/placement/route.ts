import { NextResponse } from "next/server";
import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { listTenantMoves, startTenantMove } from "@/server/tenants/move/service";

/** GET /api/tenants/{slug}/placement — the tenant's placement and its latest moves with their steps. */
export const GET = apiRoute<{ slug: string }>({ tenant: "deploy.read" }, async ({ tenant, viewer }) =>
  listTenantMoves(tenant, viewer),
);

/** POST /api/tenants/{slug}/placement { placement, reason? } — move the tenant (deploy.create, audited); 202 with the move. */
export const POST = apiRoute<{ slug: string }>(
  { tenant: "deploy.create" },
  async ({ viewer, request, tenant, requestId }) => {
    const move = await startTenantMove(viewer, requestContext(request, requestId), tenant, await readJsonBody(request));
    return NextResponse.json(move, { status: 202 });
  },
);
