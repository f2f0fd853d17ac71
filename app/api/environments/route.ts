import { NextResponse } from "next/server";
import { createEnvironment } from "@/server/deployments/environment-admin";
import { listEnvironments } from "@/server/deployments/service";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { apiRoute } from "@/server/http/route";

/** GET /api/environments — where processors run, each with its driver and whether it is protected. */
export const GET = apiRoute(async ({ viewer }) => ({ environments: await listEnvironments(viewer) }));

/** POST /api/environments — `{ id, title?, driver, settings?, protected? }` (environment.manage, audited). */
export const POST = apiRoute(async ({ request, viewer, requestId }) =>
  NextResponse.json(await createEnvironment(viewer, requestContext(request, requestId), await readJsonBody(request)), {
    status: 201,
  }),
);
