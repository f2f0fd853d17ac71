import { NextResponse } from "next/server";
import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { listTenantsPage } from "@/server/tenants/list-tenants";
import { submitRequest } from "@/server/tenants/service";

/** GET /api/tenants?page=&pageSize= — a page of the tenants the viewer may see (staff of, requested, or all for admins), with the total. */
export const GET = apiRoute(async ({ request, viewer }) =>
  listTenantsPage(viewer, Object.fromEntries(request.nextUrl.searchParams)),
);

/** POST /api/tenants — ask for a new tenant; answers 201 with the request's detail and timeline. */
export const POST = apiRoute(async ({ viewer, request, requestId }) => {
  const detail = await submitRequest(viewer, requestContext(request, requestId), await readJsonBody(request));
  // a NextResponse, so apiRoute passes it on (a plain Response would be serialised as `{}` with 200)
  return NextResponse.json(detail, { status: 201 });
});
