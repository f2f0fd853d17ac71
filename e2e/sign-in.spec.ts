import { test } from "@playwright/test";
import { demoUser, expect, signIn } from "./fixtures";

test("a signed-out visitor is sent to sign-in and back to where they were going", async ({ page }) => {
  await page.goto("/tenants");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Ftenants/);
  const ops = demoUser("ops");
  await page.getByLabel("Email").fill(ops.email);
  await page.getByLabel("Password").fill(ops.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/tenants$/);
  await expect(page.getByRole("heading", { name: "Tenants" })).toBeVisible();
});

test("a wrong password gets one clear message that does not reveal whether the account exists", async ({ page }) => {
  await signIn(page, demoUser("viewer").email, "not-the-password");
  await expect(page.getByTestId("login-error")).toHaveText("Email or password is incorrect");
  await signIn(page, "nobody@syncdeck.local", "not-the-password");
  await expect(page.getByTestId("login-error")).toHaveText("Email or password is incorrect");
  await expect(page).toHaveURL(/\/login/);
});

test("signing out ends the session", async ({ page }) => {
  const viewer = demoUser("viewer");
  await signIn(page, viewer.email, viewer.password);
  await expect(page.getByTestId("user-name")).toHaveText(viewer.name);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/health");
  await expect(page).toHaveURL(/\/login/);
});
