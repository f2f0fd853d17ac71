import { apiRoute } from "@/server/http/route";
import { listConsumerGroups } from "@/server/lag/read-lag";

/** GET /api/lag/groups?q=&status=&sort=lag|lagSeconds|status|groupId&order=asc|desc&page=&pageSize= */
export const GET = apiRoute(({ viewer, request }) =>
  listConsumerGroups(viewer, Object.fromEntries(request.nextUrl.searchParams)),
);
