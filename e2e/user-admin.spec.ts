import { test } from "@playwright/test";
import { demoUser, E2E_USER_PREFIX, expect, signIn, testAs } from "./fixtures";

const asAdmin = testAs("admin");

asAdmin(
  "an admin creates a user, sets roles, disables and enables them; all of it is audited",
  async ({ page, browser }) => {
    const email = `${E2E_USER_PREFIX}${Date.now()}@example.test`;
    await page.goto("/admin");
    const table = page.getByTestId("user-table");
    await expect(table.getByTestId(`user-${demoUser("viewer").email}`)).toContainText("acme-health: viewer");

    // The only admin cannot be disabled: the button says why.
    const adminDisable = table.getByTestId(`user-${demoUser("admin").email}`).getByRole("button", { name: "Disable" });
    await expect(adminDisable).toBeDisabled();
    await expect(adminDisable).toHaveAttribute("title", /last enabled admin/);
    await page.screenshot({ path: "test-results/screenshots/admin-users.png", fullPage: true });

    await page.getByRole("button", { name: "Create user" }).click();
    const dialog = page.getByRole("dialog", { name: "Create user" });
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByLabel("Name").fill("Erin Example");
    await dialog.getByLabel("Role in northwind-rx").selectOption("viewer");
    await page.screenshot({ path: "test-results/screenshots/admin-create-user.png" });
    await dialog.getByRole("button", { name: "Create user" }).click();
    const password = (await page.getByTestId("generated-password").textContent())!.trim();
    expect(password).toHaveLength(24);
    await page.getByRole("button", { name: "Done" }).click();
    const row = table.getByTestId(`user-${email}`);
    await expect(row).toContainText("northwind-rx: viewer");

    await row.getByRole("button", { name: "Roles" }).click();
    await page.getByRole("dialog").getByLabel("Global role (all tenants)").selectOption("ops");
    await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
    await expect(row.locator("td").nth(1)).toHaveText("ops");

    await row.getByRole("button", { name: "Disable" }).click();
    await expect(row).toContainText("Disabled");
    const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const otherPage = await other.newPage();
    await signIn(otherPage, email, password);
    await expect(otherPage.getByTestId("login-error")).toHaveText("Email or password is incorrect");
    await row.getByRole("button", { name: "Enable" }).click();
    await expect(row).toContainText("Enabled");
    await signIn(otherPage, email, password);
    await expect(otherPage.getByTestId("user-name")).toHaveText("Erin Example");
    await other.close();

    await page.goto(`/audit?user=${encodeURIComponent(demoUser("admin").email)}&action=user.`);
    const rows = page.getByTestId("audit-row").filter({ hasText: email });
    await expect(rows.filter({ hasText: "user.create" })).toHaveCount(1);
    await expect(rows.filter({ hasText: "user.set_roles" })).toHaveCount(1);
    await expect(rows.filter({ hasText: "user.disable" })).toHaveCount(1);
    await expect(rows.filter({ hasText: "user.enable" })).toHaveCount(1);
    await page.screenshot({ path: "test-results/screenshots/audit-admin.png", fullPage: true });
  },
);

asAdmin("the server refuses to remove the last enabled admin, whatever the UI shows", async ({ page }) => {
  const { users } = await (await page.request.get("/api/users")).json();
  const admin = users.find((u: { email: string }) => u.email === demoUser("admin").email);
  for (const change of [{ globalRole: "viewer" }, { globalRole: null }, { disabled: true }]) {
    const response = await page.request.patch(`/api/users/${admin.id}`, { data: change });
    expect(response.status()).toBe(409);
    expect((await response.json()).error.message).toMatch(/last enabled admin/);
  }
});

asAdmin("the audit CSV export escapes cells and neutralises formulas", async ({ page }) => {
  const email = `${E2E_USER_PREFIX}csv-${Date.now()}@example.test`;
  const created = await page.request.post("/api/users", {
    data: { email, name: '=HYPERLINK("http://evil.example","x"), "quoted"', password: "a-long-enough-password" },
  });
  expect(created.status()).toBe(201);
  expect((await created.json()).generatedPassword).toBeNull();
  const csv = await page.request.get(
    `/api/audit/export.csv?action=user.create&user=${encodeURIComponent(demoUser("admin").email)}`,
  );
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(
    text.startsWith("id,at,actor_email,actor_role,tenant,action,target,before,after,request_id,source_address\r\n"),
  ).toBe(true);
  const line = text.split("\r\n").find((l) => l.includes(email))!;
  expect(line).toContain(`""name"":""=HYPERLINK(\\""http://evil.example\\"",\\""x\\""), \\""quoted\\""""`);
  expect(line).not.toMatch(/,=/);
});

asAdmin("sign-ins are in the audit log", async ({ page }) => {
  const response = await page.request.get("/api/audit?action=auth.sign_in&limit=5");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.events.length).toBeGreaterThan(0);
  expect(body.events[0]).toMatchObject({ action: "auth.sign_in", after: { provider: "credentials" } });
});

test("the sign-in page offers no SSO button unless OIDC is configured", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in with SSO" })).toHaveCount(0);
});
