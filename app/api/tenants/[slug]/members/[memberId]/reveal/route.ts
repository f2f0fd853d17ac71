import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { revealMember } from "@/server/entities/lookup";

/** POST /api/tenants/:slug/members/:memberId/reveal — the unmasked profile; needs entity.read_unmasked; audited. */
export const POST = apiRoute<{ slug: string; memberId: string }>(async ({ viewer, params, request, requestId }) => ({
  profile: await revealMember(viewer, params.slug, params.memberId, requestContext(request, requestId)),
}));
