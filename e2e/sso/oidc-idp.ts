/**
 * A real OpenID Connect provider (the `oidc-provider` package) for the SSO browser test: code
 * flow with PKCE, its own development login and consent pages, and a few accounts whose `groups`
 * claim exercises OIDC_ROLE_MAP. Test-only; never part of the product.
 */
import Provider from "oidc-provider";

/** `emailVerified: null` leaves the `email_verified` claim out, as some providers do. */
export const SSO_ACCOUNTS: Record<
  string,
  { email: string; name: string; groups: string[]; emailVerified?: boolean | null }
> = {
  "sso-admin": { email: "sso-admin@example.test", name: "Sam Sso", groups: ["everyone", "syncdeck-admins"] },
  "sso-outsider": { email: "sso-outsider@example.test", name: "Olga Outsider", groups: ["marketing"] },
  "sso-support": { email: "sso-support@example.test", name: "Sue Support", groups: ["acme-support"] },
  // claims the demo ops user's email without the IdP vouching for it
  "sso-claims-ops": { email: "ops@syncdeck.local", name: "Not Omar", groups: ["syncdeck-admins"], emailVerified: null },
};

const port = Number(process.env.IDP_PORT);
const consoleUrl = process.env.CONSOLE_URL;
if (!port || !consoleUrl) throw new Error("IDP_PORT and CONSOLE_URL are required");

const provider = new Provider(`http://localhost:${port}`, {
  clients: [
    {
      client_id: "syncdeck-e2e",
      client_secret: "syncdeck-e2e-secret",
      redirect_uris: [`${consoleUrl}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
  // next-auth reads the profile from the ID token, so the scopes' claims go there too.
  conformIdTokenClaims: false,
  cookies: { keys: ["syncdeck-e2e-cookie-key"] },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    const account = SSO_ACCOUNTS[id];
    if (!account) return undefined;
    const { emailVerified = true, ...claims } = account;
    return {
      accountId: id,
      claims: async () => ({
        sub: id,
        ...claims,
        ...(emailVerified === null ? {} : { email_verified: emailVerified }),
      }),
    };
  },
});

provider.listen(port, () => console.log(`[idp] OpenID Connect provider on http://localhost:${port}`));
