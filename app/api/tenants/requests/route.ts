import { apiRoute } from "@/server/http/route";
import { listRequests } from "@/server/tenants/service";

/** GET /api/tenants/requests — the approval queue (approvers) or the viewer's own requests. */
export const GET = apiRoute(async ({ viewer }) => listRequests(viewer));
