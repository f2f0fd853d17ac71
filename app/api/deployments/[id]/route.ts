import { apiRoute } from "@/server/http/route";
import { getDeployment } from "@/server/deployments/service";

/** GET /api/deployments/{id} — one deployment and its target's history with diffs. */
export const GET = apiRoute<{ id: string }>(({ viewer, params }) => getDeployment(viewer, params.id));
