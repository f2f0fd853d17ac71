import { apiRoute } from "@/server/http/route";
import { listEnvironments } from "@/server/deployments/service";

/** GET /api/environments — where processors run, each with its driver and whether it is protected. */
export const GET = apiRoute(async ({ viewer }) => ({ environments: await listEnvironments(viewer) }));
