import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { assertMemberRequest, revealMember } from "@/server/lookup/lookup";

/** POST /api/tenants/:slug/members/:memberId/reveal — the unmasked profile; needs entity.read_unmasked; audited. */
export const POST = apiRoute<{ slug: string; memberId: string }>(
  {
    tenant: {
      permission: "entity.read",
      first: ({ viewer, params }) => void assertMemberRequest(viewer, params.slug, params.memberId),
    },
  },
  async ({ viewer, tenant, params, request, requestId }) => ({
    profile: await revealMember(viewer, tenant, params.memberId, requestContext(request, requestId)),
  }),
);
