import { DEMO_POOL, DEDICATED_TENANT, expect, testAs } from "./fixtures";

const asOps = testAs("ops");
const asViewer = testAs("viewer");

// Read-only checks: other specs rely on the demo's placements, so nothing is moved here (the move
// itself is covered against the real agent in server/tenants/move/move.integration.test.ts).

asViewer("a viewer sees where a tenant's processors run, but the move is disabled and says why", async ({ page }) => {
  await page.goto("/deployments");
  await page.getByLabel("tenant", { exact: true }).selectOption("acme-health");
  const placement = page.getByTestId("tenant-placement");
  await expect(placement).toContainText(`acme-health runs on ${DEMO_POOL}`);
  const move = placement.getByRole("button", { name: "Move", exact: true });
  await expect(move).toBeDisabled();
  await expect(move).toHaveAttribute("title", "Your role does not include deploy.create for acme-health");
});

asOps(
  "ops may move a tenant: to dedicated processors or another pool, once a destination is picked",
  async ({ page }) => {
    await page.goto("/deployments");
    await page.getByLabel("tenant", { exact: true }).selectOption(DEDICATED_TENANT);
    const placement = page.getByTestId("tenant-placement");
    await expect(placement).toContainText(`${DEDICATED_TENANT} runs on dedicated processors`);
    const move = placement.getByRole("button", { name: "Move", exact: true });
    await expect(move).toHaveAttribute("title", "Pick where to move it first");
    const destinations = placement.getByLabel("move to");
    await expect(destinations.locator("option")).toHaveText(["Move to…", DEMO_POOL]);
    await destinations.selectOption(DEMO_POOL);
    await expect(move).toBeEnabled();
  },
);
