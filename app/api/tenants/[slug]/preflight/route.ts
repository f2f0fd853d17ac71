import { apiRoute } from "@/server/http/route";
import { getPreflight } from "@/server/tenants/service";

/** GET /api/tenants/{slug}/preflight — the approval screen's checks (tenant.approve). */
export const GET = apiRoute<{ slug: string }>(async ({ viewer, params }) => getPreflight(viewer, params.slug));
