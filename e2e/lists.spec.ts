import { test } from "@playwright/test";
import { E2E_USER_PREFIX, expect, testAs } from "./fixtures";

const asAdmin = testAs("admin");
const asOps = testAs("ops");

asAdmin(
  "users are paged on the server: the pager says which rows it shows and moves between pages",
  async ({ page }) => {
    // enough users for two pages of 10, whatever else the run has created
    const stamp = Date.now();
    for (let i = 0; i < 6; i++) {
      const created = await page.request.post("/api/users", {
        data: { email: `${E2E_USER_PREFIX}pager-${stamp}-${i}@example.test`, name: `Pager ${i}`, globalRole: "viewer" },
      });
      expect(created.status()).toBe(201);
    }
    const { total } = await (await page.request.get("/api/users?pageSize=1")).json();
    expect(total).toBeGreaterThan(10);

    await page.goto("/admin");
    const pager = page.getByRole("navigation", { name: "Users pages" });
    const range = pager.getByTestId("pager-range");
    const rows = page.getByTestId("user-table").locator("tbody tr");
    await expect(range).toHaveText(/^1–\d+ of \d+$/);
    await expect(pager.getByRole("button", { name: "Previous" })).toHaveAttribute("title", "This is the first page");

    await pager.getByLabel("Rows per page").selectOption("10");
    await expect(range).toHaveText(/^1–10 of \d+$/);
    await expect(rows).toHaveCount(10);
    const firstPage = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));

    await pager.getByRole("button", { name: "Next" }).click();
    await expect(range).toHaveText(/^11–\d+ of \d+$/);
    const secondPage = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
    await page.screenshot({ path: "test-results/screenshots/admin-users-page-2.png", fullPage: true });

    await pager.getByRole("button", { name: "Previous" }).click();
    await expect(range).toHaveText(/^1–10 of \d+$/);
  },
);

asAdmin("a page number or size out of range is a 400 that names the parameter", async ({ page }) => {
  const cases: Array<[string, RegExp]> = [
    ["/api/users?pageSize=0", /pageSize must be a whole number from 1 to 500/],
    ["/api/users?page=abc", /page must be a whole number from 1/],
    ["/api/tenants?pageSize=501", /pageSize must be a whole number from 1 to 500/],
    ["/api/alerts?page=0", /page must be a whole number from 1/],
    ["/api/alerts?page=2&before=5", /use either before \(keyset\) or page/],
  ];
  for (const [path, says] of cases) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(400);
    expect((await response.json()).error.message, path).toMatch(says);
  }
  const tenants = await (await page.request.get("/api/tenants?page=1&pageSize=2")).json();
  expect(tenants).toMatchObject({ page: 1, pageSize: 2 });
  expect(tenants.tenants.length).toBeLessThanOrEqual(2);
  expect(tenants.total).toBeGreaterThanOrEqual(tenants.tenants.length);
  await page.goto("/tenants");
  await expect(page.getByRole("navigation", { name: "Tenants pages" }).getByTestId("pager-range")).toHaveText(
    `1–${Math.min(50, tenants.total)} of ${tenants.total}`,
  );
});

asOps("a dead-letter filter lives in the URL: it survives a reload and opens as a shared link", async ({ page }) => {
  await page.goto("/retries/acme-health/dlq");
  const historyLength = await page.evaluate(() => window.history.length);
  await page.getByLabel("State", { exact: true }).selectOption("all");
  await page.getByLabel("Error class").fill("SchemaViolation");
  await page.getByLabel("Stage", { exact: true }).fill("update-processor");
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(page).toHaveURL(
    /\/retries\/acme-health\/dlq\?state=all&errorClass=SchemaViolation&stage=update-processor$/,
  );

  const reloaded = page.waitForRequest(
    (r) =>
      r.url().includes("/api/tenants/acme-health/dlq?") &&
      r.url().includes("errorClass=SchemaViolation") &&
      r.url().includes("state=all"),
  );
  await page.reload();
  await reloaded;
  await expect(page.getByLabel("State", { exact: true })).toHaveValue("all");
  await expect(page.getByLabel("Error class")).toHaveValue("SchemaViolation");
  await expect(page.getByLabel("Stage", { exact: true })).toHaveValue("update-processor");
  expect(await page.evaluate(() => window.history.length)).toBe(historyLength);

  // a link with an unknown kind and a malformed fingerprint still opens, with those dropped
  await page.goto("/retries/acme-health/dlq?kind=topic&fingerprint=nope&q=timeout");
  await expect(page.getByLabel("Search error text")).toHaveValue("timeout");
  await expect(page.getByLabel("Kind", { exact: true })).toHaveValue("dlq");
  await expect(page.getByLabel("Fingerprint")).toHaveValue("");
  await expect(page).toHaveURL(/\/retries\/acme-health\/dlq\?q=timeout$/);
});

asOps("the lag list opens with the search, status and sort of its URL", async ({ page }) => {
  await page.goto("/lag?q=acme&status=OK&sort=groupId&order=asc");
  await expect(page.getByLabel("Search consumer groups")).toHaveValue("acme");
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("OK");
  await expect(page.getByRole("button", { name: "Group ↑" })).toBeVisible();
  await page.getByLabel("Search consumer groups").fill("acme-health");
  await expect(page).toHaveURL(/\/lag\?q=acme-health&status=OK&sort=groupId&order=asc$/);
});

asOps(
  "a failed request shows what failed and a Retry that loads it: deployment history opened from its URL",
  async ({ page }) => {
    test.setTimeout(90_000);
    let failing = true;
    // the history request (GET /api/deployments/<id>) fails until the backend is "back"
    await page.route("**/api/deployments/*", (route) =>
      failing
        ? route.fulfill({
            status: 503,
            contentType: "application/json",
            body: JSON.stringify({ error: { code: "UNAVAILABLE", message: "history store is down" } }),
          })
        : route.continue(),
    );
    await page.goto("/deployments?target=pool-demo%2Fupdate-processor&tab=history");
    const error = page
      .getByTestId("query-error")
      .filter({ hasText: "Could not load the history: history store is down" });
    await expect(error).toBeVisible();
    await expect(page.getByText("Loading history…")).toHaveCount(0);
    failing = false;
    await error.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByTestId("history")).toBeVisible();
    await expect(page.getByTestId("query-error")).toHaveCount(0);

    // the open tab is in the URL too: switching to the logs replaces it
    await page.getByTestId("target-pool-demo-update-processor").getByRole("button", { name: "Logs" }).click();
    await expect(page).toHaveURL(/\/deployments\?target=pool-demo%2Fupdate-processor&tab=logs$/);
  },
);
