import { apiRoute } from "@/server/http/route";
import { getConsumerGroup } from "@/server/lag/read-lag";

/** GET /api/lag/groups/{groupId}?range=15m|1h|6h|24h|7d */
export const GET = apiRoute<{ groupId: string }>(({ viewer, params, request }) =>
  getConsumerGroup(viewer, params.groupId, Object.fromEntries(request.nextUrl.searchParams)),
);
