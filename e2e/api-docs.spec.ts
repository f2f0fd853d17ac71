import { test } from "@playwright/test";
import { expect, testAs } from "./fixtures";

const asViewer = testAs("viewer");

/**
 * The API reference opens from the user menu for any signed-in role, renders the operations of
 * GET /api/openapi.json with the bundled reference viewer, and fetches nothing from elsewhere.
 */
asViewer(
  "a viewer opens the API reference from the user menu; it renders the operations and fetches only from the console",
  async ({ page, baseURL }) => {
    const origins = new Set<string>();
    page.on("request", (request) => origins.add(new URL(request.url()).origin));
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });

    await page.goto("/health");
    await page.getByRole("link", { name: "API reference" }).click();
    await expect(page).toHaveURL(/\/api\/docs$/);
    await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
    const reference = page.getByTestId("api-reference");
    await expect(reference.getByText("SyncDeck console API").first()).toBeVisible({ timeout: 30_000 });
    // a tag, an operation's summary and one of its typed query parameters, as the document says them
    await reference.getByText("lag", { exact: true }).first().click();
    await expect(
      reference.getByText("Consumer groups with lag, status, reason and time to drain").first(),
    ).toBeVisible();
    await expect(reference.getByText("pageSize").first()).toBeAttached();
    await expect(page.getByRole("link", { name: "openapi.json" })).toHaveAttribute("href", "/api/openapi.json");
    await page.screenshot({ path: "test-results/screenshots/api-docs.png" });

    expect(
      [...origins].filter(
        (origin) => origin !== new URL(baseURL!).origin && !origin.startsWith("data:") && origin !== "null",
      ),
    ).toEqual([]);
    expect(consoleErrors.filter((text) => /Content Security Policy|Refused to/.test(text))).toEqual([]);
  },
);

test("signed out, the API reference sends the visitor to sign in", async ({ page }) => {
  await page.goto("/api/docs");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fapi%2Fdocs$/);
});
