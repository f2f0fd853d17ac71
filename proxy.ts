import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { contentSecurityPolicy } from "@/server/http/csp";

const PUBLIC_PAGES = ["/login"];
/** A console page under /api/: signed-in only and with the pages' CSP, like every other page. */
const API_REFERENCE_PAGE = "/api/docs";

/**
 * Sets a per-request CSP nonce and redirects signed-out users to the sign-in page. It is not an
 * authorization layer: every page, route handler and data function checks permissions itself.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // The API checks its own callers; here only a path Next.js cannot decode is answered (it would be
  // a plain-text 500 before any route handler runs).
  if (pathname.startsWith("/api/") && pathname !== API_REFERENCE_PAGE)
    return undecodablePath(pathname) ?? NextResponse.next();
  const isPublic = PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (!isPublic) {
    const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
    if (!token) {
      const login = new URL("/login", request.url);
      if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
      return NextResponse.redirect(login);
    }
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

/** A 400 naming the problem when a path is not valid percent-encoded UTF-8; null when it is. */
function undecodablePath(pathname: string): NextResponse | null {
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    const message = "the path is not valid percent-encoded UTF-8";
    return NextResponse.json(
      { error: { code: "BAD_REQUEST", message } },
      { status: 400, headers: { "cache-control": "no-store" } },
    );
  }
}

// Prefetch and RSC requests go through too: their responses are pages' payloads and carry the
// same policy as documents (a response without a CSP is one a browser would run unrestricted).
export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|icon.svg).*)", "/api/:path*"],
};
