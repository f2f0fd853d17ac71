import { expect, testAs } from "./fixtures";

const asAdmin = testAs("admin");
const asProduct = testAs("product");

asAdmin(
  "ops run a reconciliation from the tenant page and follow it to a result with counts, checksums and differing ids",
  async ({ page }) => {
    asAdmin.setTimeout(180_000);
    await page.goto("/tenants/acme-health");
    const card = page.getByTestId("reconcile-card");
    await expect(card.getByRole("heading", { name: "Reconciliation" })).toBeVisible();
    const before = await page.request
      .get("/api/tenants/acme-health/reconcile")
      .then((r) => r.json() as Promise<{ runs: Array<{ id: string }> }>);

    await card.getByRole("button", { name: "Run", exact: true }).click();
    // the new run appears, runs to 100 % and its result is shown
    await expect
      .poll(
        async () => {
          const now = await page.request
            .get("/api/tenants/acme-health/reconcile")
            .then((r) => r.json() as Promise<{ runs: Array<{ id: string; status: string; percent: number }> }>);
          const run = now.runs[0];
          return run && run.id !== before.runs[0]?.id ? `${run.status} ${run.percent}` : "not started";
        },
        { timeout: 120_000 },
      )
      .toBe("succeeded 100"); // the scan, then the second reading of what differed 30 s later
    await expect(card.getByTestId("reconcile-result")).toHaveText(/in sync ✓|\d+ differences?/);
    for (const entity of ["members", "claims"]) {
      const row = card.getByTestId(`reconcile-entity-${entity}`);
      await expect(row).toBeVisible();
      await expect(row.locator("td").nth(1)).toHaveText(/^[1-9][\d,]*$/);
      await expect(row.locator("td").nth(3)).toHaveText(/^[0-9a-f]{12} \/ [0-9a-f]{12}$/);
    }
    const result = await card.getByTestId("reconcile-result").innerText();
    if (!result.includes("in sync")) {
      // changes in flight while the simulator writes: each listed, and one re-synced from the list
      const rows = card.getByTestId("reconcile-difference");
      await expect(rows.first()).toBeVisible();
      const resyncable = card.locator('[data-testid="reconcile-difference"]:not([data-kind="extra"])').first();
      if (await resyncable.count()) {
        await resyncable.getByRole("button", { name: "Re-sync" }).click();
        await expect(resyncable.getByRole("status")).toHaveText(/re-sync requested|No member|No claim/);
      }
    }
    await page.screenshot({ path: "test-results/e2e/reconcile-card.png", fullPage: true });
  },
);

asProduct("product staff see the result but cannot start a run", async ({ page }) => {
  await page.goto("/tenants/acme-health");
  const run = page.getByTestId("reconcile-card").getByRole("button", { name: "Run", exact: true });
  await expect(run).toBeDisabled();
  await expect(run).toHaveAttribute("title", /reconcile\.run/);
});
