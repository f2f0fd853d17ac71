import { expect, testAs } from "./fixtures";

/**
 * Every page of one tenant answers HTTP 404 for a tenant that does not exist and for one the viewer
 * cannot see, alike (no existence leak), with the status decided before the page streams.
 * The demo viewer sees acme-health and northwind-rx, not globex-care.
 */
const TENANT_PAGES = [
  (slug: string) => `/health/${slug}`,
  (slug: string) => `/flow/${slug}`,
  (slug: string) => `/retries/${slug}`,
  (slug: string) => `/retries/${slug}/dlq`,
  (slug: string) => `/lookup/${slug}/M-000001`,
  (slug: string) => `/tenants/${slug}`,
];

const asViewer = testAs("viewer");

for (const [label, slug] of [
  ["missing", "no-such-tenant"],
  ["unseen", "globex-care"],
  ["malformed", "Not_A_Slug"],
] as const) {
  for (const path of TENANT_PAGES.map((page) => page(slug))) {
    asViewer(`a ${label} tenant answers 404 at ${path}`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: new RegExp(slug) })).toHaveCount(0);
    });
  }
}

asViewer("a tenant the viewer sees still answers 200 on its pages", async ({ page }) => {
  for (const path of ["/health/acme-health", "/flow/acme-health", "/retries/acme-health", "/tenants/acme-health"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
  }
});

/**
 * A page about one thing inside a tenant (a consumer group, a member) answers 404 when the thing is
 * not there or not the viewer's, decided before the page streams, and 200 when it is.
 */
asViewer("a missing or unseen consumer group and a missing member answer 404", async ({ page }) => {
  for (const path of [
    "/lag/no-such-group",
    "/lag/sync.globex-care.cdc-processor",
    "/lookup/acme-health/M999999999",
    "/lookup/acme-health/not%20an%20id",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  const response = await page.goto("/lag/sync.acme-health.cdc-processor");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "sync.acme-health.cdc-processor" })).toBeVisible();
});
