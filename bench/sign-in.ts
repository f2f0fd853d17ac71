import { DEMO_USERS } from "../server/auth/demo-users";

/** next-auth's credentials flow as the demo admin: CSRF token + cookie, then the callback sets the session cookie. */
export async function signIn(baseUrl: string): Promise<string> {
  const admin = DEMO_USERS.find((u) => u.role === "admin")!;
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .join("; ");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email: admin.email, password: admin.password, json: "true" }),
  });
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in failed with HTTP ${response.status}`);
  return session;
}
