import { apiRoute } from "@/server/http/route";
import { getMemberPage } from "@/server/entities/lookup";

/** GET /api/tenants/:slug/members/:memberId — profile (masked), claims with sync state and timeline. */
export const GET = apiRoute<{ slug: string; memberId: string }>(({ viewer, params }) => getMemberPage(viewer, params.slug, params.memberId));
