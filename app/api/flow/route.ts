import { getFlowOverview } from "@/server/flow/tenant-flow";
import { apiRoute } from "@/server/http/route";

/** GET /api/flow: every visible tenant's flow graph with its worst status (the all-tenants overview). */
export const GET = apiRoute(({ viewer }) => getFlowOverview(viewer));
