import { test, type Page } from "@playwright/test";
import { expect, testAs } from "./fixtures";

const asOps = testAs("ops");
const asProduct = testAs("product");

const rateOf = (page: Page, edgeId: string) =>
  page
    .getByTestId(`flow-edge-${edgeId}`)
    .getAttribute("data-rate")
    .then((rate) => Number(rate || 0));

/** The main path of a tenant's flow: every edge a change crosses from source to target. */
const mainPath = (slug: string) => [
  "source->connector",
  `connector->topic:sync.${slug}.cdc.members`,
  `connector->topic:sync.${slug}.cdc.claims`,
  `topic:sync.${slug}.cdc.members->stage:cdc-processor`,
  `topic:sync.${slug}.cdc.claims->stage:cdc-processor`,
  `stage:cdc-processor->topic:sync.${slug}.updates`,
  `topic:sync.${slug}.updates->stage:update-processor`,
  "stage:update-processor->target",
];

asOps(
  "a demo tenant's flow shows data moving on every edge of its path and its connector's state",
  async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto("/flow");
    await expect(page.getByTestId("overview-status-acme-health")).toBeVisible({ timeout: 60_000 });
    await page.getByRole("link", { name: "Acme Health" }).first().click();
    await expect(page).toHaveURL(/\/flow\/acme-health$/);
    await expect(page.getByTestId("flow-graph")).toBeVisible();
    // ~50 changes/s per tenant: once the sampler has a few samples, every edge of the path has a rate.
    for (const edge of mainPath("acme-health")) {
      await expect
        .poll(() => rateOf(page, edge), { message: `rate on ${edge}`, timeout: 120_000, intervals: [2_000] })
        .toBeGreaterThan(0);
    }
    await expect(page.getByTestId("connector-state")).toHaveText("RUNNING", { timeout: 60_000 });
    await expect(page.getByTestId("connector-task-0")).toContainText("RUNNING");
    await expect(page.getByTestId("flow-node-stage:update-processor")).toHaveAttribute("data-status", /ok|warn/);

    await page.getByTestId(`flow-node-topic:sync.acme-health.updates`).click();
    await expect(page.getByTestId("node-details")).toContainText("Partition");
    await expect(
      page.getByTestId("node-details").getByTestId("partition-chart-sync.acme-health.updates"),
    ).toBeVisible();
    await page.screenshot({ path: "/tmp/flow.png", fullPage: true });

    // acme-health runs in the demo's pool: its stage names the pool and lists the pool's processes
    await page.getByTestId("flow-node-stage:update-processor").click();
    const details = page.getByTestId("node-details");
    await expect(details.getByTestId("runs-in-pool")).toContainText("pool-demo");
    await expect(details).toContainText("Instances of pool-demo");
    await expect(details.getByText(/^pool-demo\.update-processor\./).first()).toBeVisible();
    await expect(details.getByText("alive").first()).toBeVisible();
  },
);

asOps("the tenant whose source writes faults moves data on its retry branch too", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/flow/globex-care");
  for (const edge of [
    "stage:update-processor->topic:sync.globex-care.retry.1s",
    "topic:sync.globex-care.retry.1s->stage:retry-processor",
  ]) {
    await expect
      .poll(() => rateOf(page, edge), { message: `rate on ${edge}`, timeout: 150_000, intervals: [3_000] })
      .toBeGreaterThan(0);
  }
});

asProduct("a tenant member sees only their tenants' flows and may not manage connectors", async ({ page }) => {
  await page.goto("/flow");
  await expect(page.getByTestId("overview-status-acme-health")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("overview-status-globex-care")).toHaveCount(0);
  expect((await page.request.get("/api/tenants/globex-care/flow")).status()).toBe(404);
  await page.goto("/flow/globex-care");
  await expect(page.getByText("This page could not be found.")).toBeVisible();
  await expect(page.getByTestId("flow-graph")).toHaveCount(0);
  await page.goto("/flow/acme-health");
  await expect(page.getByRole("button", { name: "Restart connector" })).toBeDisabled();
});
