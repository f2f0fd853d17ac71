import { randomUUID } from "node:crypto";
import type { NextAuthOptions, User } from "next-auth";
import { headers } from "next/headers";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import { recordSignIn } from "@/server/audit/record-sign-in";
import { verifyCredentials } from "./credentials";
import { clientAddress } from "./client-address";
import { oidcSettings, type OidcSettings } from "./oidc-settings";
import { upsertSsoUser } from "./sso-user";
import { endSessionAtSignOut, resolveSession, startUserSession, type SessionOrigin } from "./user-sessions";
import { processLogger } from "@/lib/log/logger";

/**
 * The cookie's lifetime without use (it slides while the console is used). The absolute end of a
 * session is SYNCDECK_SESSION_MAX_AGE_HOURS after sign-in, kept in `user_sessions`, which no
 * request moves.
 */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
export const OIDC_PROVIDER_ID = "oidc";

/** Message shown on the sign-in page; the same for an unknown email and a wrong password. */
export const INVALID_LOGIN = "Email or password is incorrect";
export const THROTTLED_LOGIN = "Too many failed attempts. Wait a little and try again.";

/** The credentials provider's check, given the sign-in form and the request's headers. */
export async function authorizeCredentials(
  input: unknown,
  headers: Record<string, string | string[] | undefined>,
): Promise<User> {
  const address = clientAddress(headers);
  const requestId = randomUUID();
  const result = await verifyCredentials(input, address, requestId);
  // The address, user agent and request id ride along to the signIn event, which has no request of its own.
  if (result.ok)
    return { ...result.user, sourceAddress: address, userAgent: headerValue(headers["user-agent"]), requestId };
  // next-auth passes a thrown message through to the sign-in page as the error.
  throw new Error(result.reason === "throttled" ? THROTTLED_LOGIN : INVALID_LOGIN);
}

const credentials = CredentialsProvider({
  name: "Email and password",
  credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
  authorize: (input, req) => authorizeCredentials(input, req.headers ?? {}),
});

function headerValue(value: unknown): string | undefined {
  return typeof value === "string"
    ? value
    : Array.isArray(value) && typeof value[0] === "string"
      ? value[0]
      : undefined;
}

/** Where a sign-in came from, for the session list: the credentials provider passes it along; SSO reads the callback request. */
async function signInOrigin(user: User): Promise<SessionOrigin> {
  if (user.sourceAddress) return { sourceAddress: user.sourceAddress, userAgent: user.userAgent ?? "unknown" };
  try {
    const request = await headers();
    return { sourceAddress: clientAddress(request), userAgent: request.get("user-agent") ?? "unknown" };
  } catch {
    return { sourceAddress: "unknown", userAgent: "unknown" };
  }
}

function oidcProvider(settings: OidcSettings): Provider {
  return {
    id: OIDC_PROVIDER_ID,
    name: "SSO",
    type: "oauth",
    wellKnown: `${settings.issuer}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    profile: (profile: { sub: string; email?: string; name?: string }) => ({
      id: profile.sub,
      email: profile.email ?? null,
      name: profile.name ?? profile.email ?? null,
    }),
  };
}

const sso = oidcSettings();

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  // next-auth's own errors (an unreachable or misconfigured SSO issuer, a failed callback) in the console's JSON log
  logger: {
    error: (code, metadata) =>
      processLogger().error(
        { lib: "next-auth", code, err: metadata instanceof Error ? metadata : metadata.error, metadata },
        `next-auth: ${code}`,
      ),
    warn: (code) => processLogger().warn({ lib: "next-auth", code }, `next-auth: ${code}`),
    debug: (code, metadata) => processLogger().debug({ lib: "next-auth", code, metadata }, `next-auth: ${code}`),
  },
  providers: sso ? [credentials, oidcProvider(sso)] : [credentials],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID || !sso) return true;
      const decision = await upsertSsoUser(profile, sso);
      if (!decision.ok) {
        // the page says only "no access" (no help to enumeration); the operator's log says why
        processLogger().warn({ reason: decision.reason }, `SSO sign-in refused: ${decision.reason}`);
        return false; // next-auth shows /login?error=AccessDenied
      }
      user.id = decision.userId; // the SyncDeck id, not the IdP's subject, goes into the session
      return true;
    },
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sid = await startUserSession(user.id, await signInOrigin(user));
        return token;
      }
      // /api/auth/session: an ended or expired session gets no fresh cookie; next-auth clears it instead.
      if (!token.sid || (await resolveSession(token.sid)) !== token.uid) throw new Error("the session has ended");
      return token;
    },
    session({ session, token }) {
      if (token.uid) session.user = { ...session.user, id: token.uid };
      return session;
    },
  },
  events: {
    async signIn({ user, account }) {
      if (user.email)
        await recordSignIn(user.email, account?.provider ?? "credentials", user.sourceAddress, user.requestId);
    },
    async signOut({ token }) {
      if (token?.sid) await endSessionAtSignOut(token.sid);
    },
  },
};

export const ssoEnabled = sso !== null;
