import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError } from "zod";
import { describeClient } from "@/server/auth/client-address";
import { requireViewer } from "@/server/auth/viewer";
import type { Viewer } from "@/server/auth/access";
import type { Permission } from "@/server/auth/permissions";
import { resolveTenant, type Tenant } from "@/server/auth/resolve-tenant";
import { AppError, httpStatus } from "@/server/errors";
import { processLogger } from "@/lib/log/logger";
import { pathParamsProblem } from "./path-params";
import { chooseRequestId } from "./request-id";

export type RouteContext<P> = { request: NextRequest; params: P; viewer: Viewer; requestId: string };
export type TenantRouteContext<P> = RouteContext<P> & { tenant: Tenant };

/**
 * How a tenant route finds its tenant (the `[slug]` path parameter): the permission the viewer needs
 * there (null: seeing the tenant is enough), chosen per request when it depends on the query, and
 * checks that answer before the tenant is looked up (a global role, the shape of another parameter),
 * so a caller lacking them gets the same answer for every slug.
 */
export type TenantRule<P> =
  | Permission
  | null
  | { permission: Permission | null | ((ctx: RouteContext<P>) => Permission); first?: (ctx: RouteContext<P>) => void };

type RouteHandler<P> = (request: NextRequest, context: { params: Promise<P> }) => Promise<NextResponse>;

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
    if (key.includes("\u0000") || value.includes("\u0000"))
      throw new AppError(
        "BAD_REQUEST",
        `query parameter ${JSON.stringify(key.replaceAll("\u0000", "\\0"))} contains a NUL character`,
      );
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
    {
      error: { code: "INTERNAL", message: "Something went wrong on our side; the request id helps us find it" },
      requestId,
    },
    { status: 500 },
  );
}

function permissionOf<P>(rule: TenantRule<P>, ctx: RouteContext<P>): Permission | null {
  if (rule === null || typeof rule === "string") return rule;
  return typeof rule.permission === "function" ? rule.permission(ctx) : rule.permission;
}

/**
 * The route's tenant, resolved once here: the rule's first checks, then 400 malformed slug, 404
 * missing or unseen, 403 with the reason.
 */
export async function tenantFor<P extends { slug: string }>(
  rule: TenantRule<P>,
  ctx: RouteContext<P>,
  resolve = resolveTenant,
): Promise<Tenant> {
  if (rule !== null && typeof rule === "object") rule.first?.(ctx);
  return resolve(ctx.viewer, ctx.params.slug, permissionOf(rule, ctx));
}

/**
 * Wraps a route handler: signed-in viewer, same-origin mutations, path parameters without control
 * characters and of sane length, one error → status mapping and a request id on every response.
 * With `{ tenant }` the handler gets the `[slug]` tenant already checked against that rule (as dub's
 * withWorkspace hands over the workspace); otherwise the handler checks the permission it needs.
 */
export function apiRoute<P = Record<string, never>>(
  handler: (ctx: RouteContext<P>) => Promise<unknown>,
): RouteHandler<P>;
export function apiRoute<P extends { slug: string }>(
  options: { tenant: TenantRule<P> },
  handler: (ctx: TenantRouteContext<P>) => Promise<unknown>,
): RouteHandler<P>;
export function apiRoute<P>(
  handlerOrOptions: ((ctx: RouteContext<P>) => Promise<unknown>) | { tenant: TenantRule<P & { slug: string }> },
  tenantHandler?: (ctx: TenantRouteContext<P & { slug: string }>) => Promise<unknown>,
): RouteHandler<P> {
  const handler = async (ctx: RouteContext<P>): Promise<unknown> => {
    if (typeof handlerOrOptions === "function") return handlerOrOptions(ctx);
    const scoped = ctx as RouteContext<P & { slug: string }>;
    return tenantHandler!({ ...scoped, tenant: await tenantFor(handlerOrOptions.tenant, scoped) });
  };
  return async (request, context) => {
    const requestId = chooseRequestId(
      request.headers.get("x-request-id"),
      describeClient(request.headers).viaTrustedProxy,
    );
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
