import { apiRoute } from "@/server/http/route";
import { getDeploymentLogs } from "@/server/deployments/service";

/** GET /api/deployments/{id}/logs — the end of each instance's output. */
export const GET = apiRoute<{ id: string }>(({ viewer, params }) => getDeploymentLogs(viewer, params.id));
