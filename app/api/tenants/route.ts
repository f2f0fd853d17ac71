import { NextResponse } from "next/server";
import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { listTenants } from "@/server/tenants/list-tenants";
import { submitRequest } from "@/server/tenants/service";

/** GET /api/tenants — the tenants the viewer may see (staff of, requested, or all for admins). */
export const GET = apiRoute(async ({ viewer }) => ({ tenants: await listTenants(viewer) }));

/** POST /api/tenants — ask for a new tenant; answers 201 with the request's detail and timeline. */
export const POST = apiRoute(async ({ viewer, request, requestId }) => {
  const detail = await submitRequest(viewer, requestContext(request, requestId), await readJsonBody(request));
  // a NextResponse, so apiRoute passes it on (a plain Response would be serialised as `{}` with 200)
  return NextResponse.json(detail, { status: 201 });
});
