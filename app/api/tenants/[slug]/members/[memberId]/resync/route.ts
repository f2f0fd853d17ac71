import { NextResponse } from "next/server";
import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { assertMemberRequest, requestResync } from "@/server/lookup/lookup";

/** POST /api/tenants/:slug/members/:memberId/resync {claimId: string|null} — re-emit from the source; entity.resync; audited. */
export const POST = apiRoute<{ slug: string; memberId: string }>(
  {
    tenant: {
      permission: "entity.read",
      first: ({ viewer, params }) => void assertMemberRequest(viewer, params.slug, params.memberId),
    },
  },
  async ({ viewer, tenant, params, request, requestId }) => {
    const result = await requestResync(
      viewer,
      tenant,
      params.memberId,
      () => readJsonBody(request),
      requestContext(request, requestId),
    );
    return NextResponse.json(result, { status: 202 });
  },
);
