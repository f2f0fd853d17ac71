import { apiRoute } from "@/server/http/route";
import { getEnvironmentStatus } from "@/server/deployments/service";

/** GET /api/environments/{id}/status — every target's sync, health with its reason, instances. */
export const GET = apiRoute<{ id: string }>(({ viewer, params }) => getEnvironmentStatus(viewer, params.id));
