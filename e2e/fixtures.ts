import { test as base, expect, type Page } from "@playwright/test";
import { DEMO_USERS } from "../server/auth/demo-users";
import type { RoleName } from "../server/auth/permissions";

/** Users created by specs start with this, so the malformed-requests spec can leave them out of its checksum. */
export const E2E_USER_PREFIX = "e2e-ui-";

/**
 * How playwright.config.ts starts the demo: acme-health and globex-care in one pool, northwind-rx
 * with processors of its own.
 */
export const DEMO_POOL = "pool-demo";
export const DEDICATED_TENANT = "northwind-rx";

export const storageStatePath = (role: RoleName) => `e2e/.auth/${role}.json`;

export function demoUser(role: RoleName) {
  const user = DEMO_USERS.find((u) => u.role === role);
  if (!user) throw new Error(`no demo user for role ${role}`);
  return user;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** A test signed in as `role` through the saved sign-in state of auth.setup.ts. */
export const testAs = (role: RoleName) => base.extend({ storageState: storageStatePath(role) });

export { expect };
