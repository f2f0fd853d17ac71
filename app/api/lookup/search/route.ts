import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { searchEntities } from "@/server/lookup/lookup";

/** GET /api/lookup/search?q= — member id (M100234), claim id (C-88), or last name [first name] [YYYY-MM-DD]. */
export const GET = apiRoute(({ viewer, request, requestId }) =>
  searchEntities(viewer, Object.fromEntries(request.nextUrl.searchParams), requestContext(request, requestId)),
);
