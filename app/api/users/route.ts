import { NextResponse } from "next/server";
import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { assertCanManageUsers } from "@/server/users/guard";
import { createUser } from "@/server/users/create-user";
import { listUsers } from "@/server/users/list-users";

export const GET = apiRoute(async ({ viewer }) => ({ users: await listUsers(viewer) }));

/** Creates a user; when no password is sent, the generated one is in the response, once. */
export const POST = apiRoute(async ({ request, viewer, requestId }) => {
  assertCanManageUsers(viewer); // before reading the body, so a forbidden caller learns nothing about validation
  const created = await createUser(viewer, requestContext(request, requestId), await readJsonBody(request));
  return NextResponse.json(created, { status: 201 });
});
