import { apiRoute } from "@/server/http/route";
import { assertApprover, getPreflight } from "@/server/tenants/service";

/** GET /api/tenants/{slug}/preflight — the approval screen's checks (tenant.approve). */
export const GET = apiRoute<{ slug: string }>(
  { tenant: { permission: null, first: ({ viewer }) => assertApprover(viewer) } },
  async ({ viewer, tenant }) => getPreflight(viewer, tenant),
);
