import { expect, testAs } from "./fixtures";

const asProduct = testAs("product");
const asViewer = testAs("viewer");

asProduct(
  "Ctrl-K, a member id, arrow keys and Enter reach the member page with the keyboard only; focus returns on Escape",
  async ({ page }) => {
    await page.goto("/health");
    const opener = page.getByRole("button", { name: /Search or jump to/ });
    await opener.focus();
    await page.keyboard.press("Control+K");
    const palette = page.getByRole("dialog", { name: "Command palette" });
    await expect(palette).toBeVisible();
    const box = palette.getByRole("combobox");
    await expect(box).toBeFocused();

    // Escape closes it and gives focus back to where it was.
    await page.keyboard.press("Escape");
    await expect(palette).toBeHidden();
    await expect(opener).toBeFocused();

    await page.keyboard.press("Control+K");
    await page.keyboard.type("M1");
    const member = palette
      .getByRole("option")
      .filter({ hasText: /Member/ })
      .first();
    await expect(member).toBeVisible({ timeout: 60_000 });
    await expect(box).toBeFocused();
    const options = palette.getByRole("option");
    const index = await options.evaluateAll((nodes) => nodes.findIndex((n) => n.textContent?.startsWith("Member")));
    for (let i = 0; i < index; i += 1) await page.keyboard.press("ArrowDown");
    await expect(options.nth(index)).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/lookup\/acme-health\/M1\d*$/);
    await expect(page.getByTestId("explanation")).toBeVisible();
  },
);

asViewer(
  "the palette offers only what the viewer may open: no Admin page, no tenant it cannot see",
  async ({ page }) => {
    await page.goto("/health");
    await page.keyboard.press("Control+K");
    const palette = page.getByRole("dialog", { name: "Command palette" });
    await page.keyboard.type("a");
    await expect(palette.getByRole("option", { name: /Alerts/ })).toBeVisible();
    await expect(palette.getByRole("option", { name: /Admin/ })).toHaveCount(0);
    await page.keyboard.type("cme");
    await expect(palette.getByRole("option", { name: /^Tenant .*acme-health/ })).toBeVisible({ timeout: 30_000 });
    await page.keyboard.press("Control+A");
    await page.keyboard.type("globex");
    await expect(palette.getByRole("status")).toHaveText("Nothing found", { timeout: 30_000 });
  },
);
