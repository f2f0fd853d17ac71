import { test } from "@playwright/test";
import { expect, testAs } from "./fixtures";

const asOps = testAs("ops");
const asViewer = testAs("viewer");

// The demo's globex-care simulator writes ~1% faulty changes, so its dead-letter topic fills up.
asOps("the DLQ of a tenant: filter by error class, dry-run, replay the group and see it leave", async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto("/retries");
  await page.getByTestId("dlq-link-globex-care").click();
  await expect(page.getByRole("heading", { name: "Dead letters of globex-care" })).toBeVisible();
  const rows = page.getByTestId("dlq-row");
  await expect(rows.first()).toBeVisible({ timeout: 180_000 });
  const errorClass = (await rows.first().getAttribute("data-error-class"))!;

  await page.getByLabel("Error class").fill(errorClass);
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(rows.first()).toHaveAttribute("data-error-class", errorClass);
  const classes = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-error-class")));
  expect(new Set(classes)).toEqual(new Set([errorClass]));
  const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-id")!));

  await rows.first().click();
  await expect(page.getByTestId("dlq-payload")).toBeVisible();
  await expect(page.getByText("(health data masked)")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/dlq-detail.png", fullPage: true });
  await page.getByRole("button", { name: "Close" }).click();

  await page.getByRole("button", { name: "Replay all matching" }).click();
  await expect(page.getByRole("button", { name: "Replay", exact: true })).toBeDisabled();
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(page.getByTestId("replay-preview")).toContainText(/Dry run: \d+ message\(s\) would be replayed/);
  await page.screenshot({ path: "test-results/screenshots/dlq-dry-run.png", fullPage: true });
  await page.getByRole("button", { name: "Replay", exact: true }).click();

  await expect(page.getByTestId("replay-jobs").locator("li").first()).toHaveAttribute("data-status", "succeeded", {
    timeout: 60_000,
  });
  for (const id of ids)
    await expect(page.locator(`[data-testid="dlq-row"][data-id="${id}"]`)).toHaveCount(0, { timeout: 20_000 });
  await page.reload();
  await expect(page.getByTestId("replay-jobs").locator("li").first()).toHaveAttribute("data-status", "succeeded");
  await page.screenshot({ path: "test-results/screenshots/dlq-replayed.png", fullPage: true });
});

asOps("the retry page shows the queue's depth, age and causes", async ({ page }) => {
  await page.goto("/retries/globex-care");
  await expect(page.getByText("Waiting in retry", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Waiting, grouped by cause")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/retry-queue.png", fullPage: true });
});

asViewer("a viewer sees retries but not dead letters", async ({ page }) => {
  await page.goto("/retries");
  await expect(page.getByText("dead letters hidden").first()).toBeVisible();
  await page.goto("/retries/acme-health/dlq");
  await expect(page.getByText(/does not include dlq.read/)).toBeVisible();
});
