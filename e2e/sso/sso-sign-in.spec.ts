import { request as playwrightRequest, test } from "@playwright/test";
import { demoUser, expect, signIn } from "../fixtures";

/**
 * Runs with playwright.sso.config.ts: the console is configured against a real local OpenID
 * Connect provider (e2e/sso/oidc-idp.ts) with OIDC_ROLE_MAP=syncdeck-admins=admin and
 * OIDC_TENANT_MAP=acme-support=acme-health:product.
 */
async function signInAtIdp(page: import("@playwright/test").Page, login: string) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with SSO" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.locator('button[type="submit"]').click();
  const consent = page.getByRole("button", { name: /continue/i });
  if (await consent.isVisible({ timeout: 5_000 }).catch(() => false)) await consent.click();
}

test("a first SSO sign-in creates the user with the role their IdP group maps to", async ({ page, baseURL }) => {
  await signInAtIdp(page, "sso-admin");
  await expect(page).toHaveURL(/\/health$/);
  await expect(page.getByTestId("user-name")).toHaveText("Sam Sso");
  await expect(page.getByTestId("user-roles")).toHaveText("admin");

  const admin = await playwrightRequest.newContext({ baseURL, storageState: await page.context().storageState() });
  const { users } = await (await admin.get("/api/users")).json();
  expect(users.find((u: { email: string }) => u.email === "sso-admin@example.test")).toMatchObject({
    globalRole: "admin",
    signsInWith: "sso",
  });
  const created = await (await admin.get("/api/audit?action=user.create_sso")).json();
  expect(created.events.map((e: { target: string }) => e.target)).toContain("user:sso-admin@example.test");
  const signIns = await (await admin.get("/api/audit?action=auth.sign_in&user=sso-admin")).json();
  expect(signIns.events[0]).toMatchObject({ after: { provider: "oidc" } });
  await admin.dispose();
});

test("an IdP account with no mapped group is refused and not created", async ({ page }) => {
  await signInAtIdp(page, "sso-outsider");
  await expect(page).toHaveURL(/\/login\?.*error=AccessDenied/);
  await expect(page.getByTestId("sso-error")).toContainText("no SyncDeck access");
  await page.screenshot({ path: "test-results/screenshots/login-sso-refused.png" });

  await signIn(page, demoUser("admin").email, demoUser("admin").password);
  await expect(page).toHaveURL(/\/health$/);
  const { users } = await (await page.request.get("/api/users")).json();
  expect(users.map((u: { email: string }) => u.email)).not.toContain("sso-outsider@example.test");
});

test("the IdP groups apply again at every sign-in, tenant memberships included", async ({ page, browser }) => {
  test.setTimeout(180_000); // two sign-ins through the IdP and one with a password
  await signInAtIdp(page, "sso-support");
  await expect(page).toHaveURL(/\/health$/);
  await expect(page.getByTestId("user-roles")).toHaveText("product");

  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, demoUser("admin").email, demoUser("admin").password);
  await expect(adminPage).toHaveURL(/\/health$/);
  const { users } = await (await adminPage.request.get("/api/users")).json();
  const support = users.find((u: { email: string }) => u.email === "sso-support@example.test");
  expect(support).toMatchObject({
    globalRole: null,
    memberships: [expect.objectContaining({ tenantSlug: "acme-health", role: "product" })],
  });
  // An admin changes the membership in the console; the next SSO sign-in puts back what the groups say.
  expect((await adminPage.request.patch(`/api/users/${support.id}`, { data: { memberships: [] } })).status()).toBe(200);
  await page.context().clearCookies();
  await signInAtIdp(page, "sso-support");
  await expect(page.getByTestId("user-roles")).toHaveText("product");
  const synced = await (await adminPage.request.get("/api/audit?action=user.sso_sync&user=sso-support")).json();
  expect(synced.events[0]).toMatchObject({ after: { memberships: ["acme-health:product"] } });
  await admin.close();
});

test("an IdP account that claims an existing user's email without verifying it is refused", async ({ page }) => {
  await signInAtIdp(page, "sso-claims-ops");
  await expect(page).toHaveURL(/\/login\?.*error=AccessDenied/);
  await signIn(page, demoUser("admin").email, demoUser("admin").password);
  await expect(page).toHaveURL(/\/health$/);
  const { users } = await (await page.request.get("/api/users")).json();
  expect(users.find((u: { email: string }) => u.email === demoUser("ops").email)).toMatchObject({
    globalRole: "ops",
    signsInWith: "password",
  });
});
