import { apiRoute } from "@/server/http/route";
import { assertMemberRequest, getMemberPage } from "@/server/lookup/lookup";

/** GET /api/tenants/:slug/members/:memberId — profile (masked), claims with sync state and timeline. */
export const GET = apiRoute<{ slug: string; memberId: string }>(
  {
    tenant: {
      permission: "entity.read",
      first: ({ viewer, params }) => void assertMemberRequest(viewer, params.slug, params.memberId),
    },
  },
  async ({ viewer, tenant, params }) => getMemberPage(viewer, tenant, params.memberId),
);
