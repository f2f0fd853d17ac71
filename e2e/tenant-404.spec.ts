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
