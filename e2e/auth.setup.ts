import { test as setup } from "@playwright/test";
import { ROLES } from "../server/auth/permissions";
import { demoUser, expect, signIn, storageStatePath } from "./fixtures";

for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    const user = demoUser(role);
    await signIn(page, user.email, user.password);
    await expect(page).toHaveURL(/\/health$/);
    await expect(page.getByTestId("user-name")).toHaveText(user.name);
    await page.context().storageState({ path: storageStatePath(role) });
  });
}
