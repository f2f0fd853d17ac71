import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError } from "zod";
import { describeClient } from "@/server/auth/client-address";
import { requireViewer } from "@/server/auth/viewer";
import type { Viewer } from "@/server/auth/access";
import { AppError, httpStatus } from "@/server/errors";
import { processLogger } from "@/lib/log/logger";
import { pathParamsProblem } from "./path-params";
import { chooseRequestId } from "./request-id";

export type RouteContext<P> = { request: NextRequest; params: P; viewer: Viewer; requestId: string };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Browsers send Origin on cross-site mutations; refuse any that is not this console. */
function assertSameOrigin(request: NextRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.get("origin");
  if (origin === null) return; // non-browser clients (automation) send none
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("FORBIDDEN", "Origin header is not a valid URL");
  }
  if (originHost !== host) throw new AppError("FORBIDDEN", `Cross-origin request from ${origin} refused`);
}

/** Postgres text cannot hold U+0000: refuse it in the query string here rather than fail deep inside. */
function assertNoNulInQuery(request: NextRequest): void {
  for (const [key, value] of request.nextUrl.searchParams) {
    if (key.includes("\u0000") || value.includes("\u0000")) throw new AppError("BAD_REQUEST", `query parameter ${JSON.stringify(key.replaceAll("\u0000", "\\0"))} contains a NUL character`);
  }
}

export function errorResponse(error: unknown, requestId: string): NextResponse {
  if (error instanceof AppError) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message, details: error.details }, requestId },
      { status: httpStatus(error.code) },
    );
  }
  if (error instanceof ZodError) {
    const message = error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
    return NextResponse.json({ error: { code: "BAD_REQUEST", message }, requestId }, { status: 400 });
  }
  processLogger().error({ requestId, err: error }, `request ${requestId} failed`);
  return NextResponse.json(
    { error: { code: "INTERNAL", message: "Something went wrong on our side; the request id helps us find it" }, requestId },
    { status: 500 },
  );
}

/**
 * Wraps a route handler: signed-in viewer, same-origin mutations, path parameters without control
 * characters and of sane length, one error → status mapping and a request id on every response. The handler itself still checks the permission it needs.
 */
export function apiRoute<P = Record<string, never>>(
  handler: (ctx: RouteContext<P>) => Promise<unknown>,
) {
  return async (request: NextRequest, context: { params: Promise<P> }): Promise<NextResponse> => {
    const requestId = chooseRequestId(request.headers.get("x-request-id"), describeClient(request.headers).viaTrustedProxy);
    try {
      assertSameOrigin(request);
      const viewer = await requireViewer();
      assertNoNulInQuery(request);
      const params = await context.params;
      const problem = pathParamsProblem(params);
      if (problem) throw new AppError("BAD_REQUEST", problem);
      const result = await handler({ request, params, viewer, requestId });
      const response = result instanceof NextResponse ? result : NextResponse.json(result);
      response.headers.set("x-request-id", requestId);
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}
