import { apiRoute } from "@/server/http/route";
import { listAlerts } from "@/server/alerts/list-alerts";

/** Alert rules and firing/resolved history: ?tenant=&state=firing|resolved&limit= and either &before=<event id> (keyset) or &page= (numbered, with total) */
export const GET = apiRoute(async ({ request, viewer }) =>
  listAlerts(viewer, Object.fromEntries(request.nextUrl.searchParams)),
);
