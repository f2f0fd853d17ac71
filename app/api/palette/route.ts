import { apiRoute } from "@/server/http/route";
import { requestContext } from "@/server/http/json-body";
import { searchPalette } from "@/server/palette/search";

/** GET /api/palette?q= — tenants, consumer groups, and members or claims by id that the viewer may open. */
export const GET = apiRoute(({ viewer, request, requestId }) =>
  searchPalette(viewer, Object.fromEntries(request.nextUrl.searchParams), requestContext(request, requestId)),
);
