import { test } from "@playwright/test";
import { expect, testAs } from "./fixtures";

const asOps = testAs("ops");

asOps(
  "a tenant's pipeline shows its stages live: status, heartbeating instances, rates and latency",
  async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/health");
    await page.getByRole("link", { name: "Acme Health" }).click();
    await expect(page).toHaveURL(/\/health\/acme-health$/);
    await expect(page.getByRole("heading", { name: "Pipeline of acme-health" })).toBeVisible();
    // The demo's simulator writes ~50 changes/s; once the sampler has a few samples every stage moves.
    await expect(page.getByText("1 of 1 instances heartbeating").first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("stage-reason-update-processor")).not.toHaveText("no committed offsets yet", {
      timeout: 60_000,
    });
    await expect(page.getByText(/changes, last 5 min/)).not.toHaveText(/^0 changes/, { timeout: 60_000 });
    await page.screenshot({ path: "test-results/screenshots/tenant-pipeline.png", fullPage: true });
  },
);

/** What the server's time-to-drain estimate reads as, once two samples gave it rates. */
const DRAIN = /^(caught up|not draining|drains in ~\d+(\.\d)? (s|min|h|d))$/;

asOps("the lag page lists the pipeline's consumer groups with their status and time to drain", async ({ page }) => {
  await page.goto("/lag");
  await expect(page.getByTestId("group-sync.acme-health.update-processor")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("drain-sync.acme-health.update-processor")).toHaveText(DRAIN, { timeout: 60_000 });
  await page.screenshot({ path: "test-results/screenshots/lag-list.png", fullPage: true });
  await page.getByLabel("Search consumer groups").fill("northwind");
  await expect(page.getByTestId("group-sync.acme-health.update-processor")).toHaveCount(0);
  await expect(page.getByTestId("group-sync.northwind-rx.update-processor")).toBeVisible();
  await page.getByRole("link", { name: "sync.northwind-rx.update-processor" }).click();
  await expect(page.getByTestId("group-reason")).toBeVisible();
  await expect(page.getByTestId("group-time-to-drain")).toHaveText(DRAIN, { timeout: 30_000 });
  await page.screenshot({ path: "test-results/screenshots/lag-group.png", fullPage: true });
});
