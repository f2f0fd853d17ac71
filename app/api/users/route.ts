import { NextResponse } from "next/server";
import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { assertCanManageUsers } from "@/server/admin/guard";
import { createUser } from "@/server/admin/create-user";
import { listUsers } from "@/server/admin/list-users";

/** GET /api/users?page=&pageSize= — a page of users by email, with the total and the enabled admins' ids. */
export const GET = apiRoute(async ({ request, viewer }) =>
  listUsers(viewer, Object.fromEntries(request.nextUrl.searchParams)),
);

/** Creates a user; when no password is sent, the generated one is in the response, once. */
export const POST = apiRoute(async ({ request, viewer, requestId }) => {
  assertCanManageUsers(viewer); // before reading the body, so a forbidden caller learns nothing about validation
  const created = await createUser(viewer, requestContext(request, requestId), await readJsonBody(request));
  return NextResponse.json(created, { status: 201 });
});
