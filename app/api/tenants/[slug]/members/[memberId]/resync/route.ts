import { NextResponse } from "next/server";
import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { requestResync } from "@/server/entities/lookup";

/** POST /api/tenants/:slug/members/:memberId/resync {claimId: string|null} — re-emit from the source; entity.resync; audited. */
export const POST = apiRoute<{ slug: string; memberId: string }>(async ({ viewer, params, request, requestId }) => {
  const result = await requestResync(viewer, params.slug, params.memberId, () => readJsonBody(request), requestContext(request, requestId));
  return NextResponse.json(result, { status: 202 });
});
