import { expect, testAs } from "./fixtures";

const asOps = testAs("ops");
const asViewer = testAs("viewer");

const TARGET = "target-northwind-rx-update-processor";

asOps("scaling a deployment from the page changes its instance count and health", async ({ page }) => {
  asOps.setTimeout(300_000);
  await page.goto("/deployments");
  const row = page.getByTestId(TARGET);
  await expect(row.getByTestId("health")).toContainText("Healthy", { timeout: 180_000 });
  await expect(row.getByTestId("instance-count")).toHaveText("1/1");

  await row.getByLabel("replicas of northwind-rx update-processor").fill("2");
  await row.getByRole("button", { name: "Scale" }).click();
  await expect(page.getByText(/Scale northwind-rx update-processor: revision \d+ is/)).toBeVisible();
  await expect(row.getByTestId("health")).toContainText("Progressing", { timeout: 30_000 });
  await expect(row.getByTestId("instance-count")).toHaveText(/\/2$/);
  await expect(row.getByTestId("health")).toContainText("Healthy", { timeout: 180_000 });
  await expect(row.getByTestId("instance-count")).toHaveText("2/2");
  await page.screenshot({ path: "test-results/deployments-scaled.png", fullPage: true });

  // the history shows the change as a diff
  await row.getByRole("button", { name: "details of northwind-rx update-processor" }).click();
  await expect(page.getByTestId("history")).toContainText("replicas: 1 → 2");

  // back to one replica, so the demo is as it was
  await row.getByLabel("replicas of northwind-rx update-processor").fill("1");
  await expect(row.getByRole("button", { name: "Scale" })).toBeEnabled({ timeout: 60_000 });
  await row.getByRole("button", { name: "Scale" }).click();
  await expect(row.getByTestId("instance-count")).toHaveText("1/1", { timeout: 120_000 });
});

asViewer("a viewer sees deployments but every action says why it is disabled", async ({ page }) => {
  await page.goto("/deployments");
  const row = page.getByTestId("target-acme-health-update-processor");
  await expect(row).toBeVisible();
  await expect(page.getByTestId("target-globex-care-update-processor")).toHaveCount(0);
  const scale = row.getByRole("button", { name: "Scale" });
  await expect(scale).toBeDisabled();
  await expect(scale).toHaveAttribute("title", "Your role does not include deploy.create for acme-health");
});
