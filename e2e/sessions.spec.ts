import { request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { E2E_USER_PREFIX, expect, signIn, storageStatePath } from "./fixtures";

const PASSWORD = "a-long-enough-password";

/** A user of this spec's own, so ending their sessions touches no other spec's sign-in. */
async function createUser(baseURL: string, label: string): Promise<{ id: string; email: string }> {
  const admin = await playwrightRequest.newContext({ baseURL, storageState: storageStatePath("admin") });
  const email = `${E2E_USER_PREFIX}${label}-${Date.now()}@example.test`;
  const response = await admin.post("/api/users", {
    data: { email, name: `Sam ${label}`, password: PASSWORD, globalRole: "viewer" },
  });
  expect(response.status()).toBe(201);
  const { user } = await response.json();
  await admin.dispose();
  return { id: user.id, email };
}

async function status(api: APIRequestContext, path: string): Promise<number> {
  return (await api.get(path, { maxRedirects: 0 })).status();
}

test("a session cookie copied before sign-out is refused after it", async ({ page, browser, baseURL }) => {
  const { email } = await createUser(baseURL!, "signout");
  await signIn(page, email, PASSWORD);
  await expect(page.getByTestId("user-name")).toHaveText("Sam signout");
  const copied = await page.context().storageState();
  const copy = await playwrightRequest.newContext({ baseURL, storageState: copied });
  expect(await status(copy, "/api/tenants")).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  expect(await status(copy, "/api/tenants")).toBe(401);
  const elsewhere = await browser.newContext({ storageState: copied });
  const elsewherePage = await elsewhere.newPage();
  await elsewherePage.goto("/health");
  await expect(elsewherePage).toHaveURL(/\/login/);
  // next-auth's session endpoint hands out no fresh cookie for it either
  expect(await (await copy.get("/api/auth/session")).json()).toEqual({});
  await Promise.all([copy.dispose(), elsewhere.close()]);
});

test("an admin sees a user's sessions and ends them from the Admin page", async ({ browser, baseURL }) => {
  const { email } = await createUser(baseURL!, "ended");
  const user = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const userPage = await user.newPage();
  await signIn(userPage, email, PASSWORD);
  await expect(userPage.getByTestId("user-name")).toHaveText("Sam ended");

  const admin = await browser.newContext({ storageState: storageStatePath("admin") });
  const adminPage = await admin.newPage();
  await adminPage.goto("/admin");
  await adminPage.getByTestId(`user-${email}`).getByRole("button", { name: "Sessions" }).click();
  const dialog = adminPage.getByTestId("user-sessions");
  await expect(dialog.getByRole("listitem")).toHaveCount(1);
  await expect(dialog).toContainText("signed in");
  await adminPage.screenshot({ path: "test-results/screenshots/admin-user-sessions.png" });
  await dialog.getByRole("button", { name: "End all sessions" }).click();
  await expect(dialog).toContainText("No open sessions.");

  expect(await status(userPage.request, "/api/tenants")).toBe(401);
  await userPage.goto("/health");
  await expect(userPage).toHaveURL(/\/login/);
  await Promise.all([user.close(), admin.close()]);
});
