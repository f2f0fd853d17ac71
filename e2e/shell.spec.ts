import { SURFACES } from "../components/shell/surfaces";
import { expect, testAs } from "./fixtures";

const asAdmin = testAs("admin");

asAdmin("the admin sees the health page with the demo tenants and a live platform", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/health$/);
  await expect(page.getByRole("heading", { name: "Pipeline health" })).toBeVisible();
  for (const slug of ["acme-health", "northwind-rx", "globex-care"]) {
    await expect(page.getByTestId(`tenant-${slug}`)).toBeVisible();
  }
  await expect(page.getByTestId("platform-kafka")).toContainText("Up");
  await expect(page.getByTestId("platform-kafka")).toContainText("1 broker");
  await expect(page.getByTestId("platform-connect")).toContainText("Kafka Connect 4.3.1");
  await expect(page.getByTestId("platform-database")).toContainText("PostgreSQL");
  await page.screenshot({ path: "test-results/screenshots/health-admin.png", fullPage: true });
});

asAdmin("every surface opens from the navigation", async ({ page }) => {
  await page.goto("/health");
  const nav = page.getByRole("navigation", { name: "Console" });
  for (const surface of SURFACES) {
    await nav.getByRole("link", { name: surface.label, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${surface.href}$`));
    await expect(page.getByRole("link", { name: surface.label, exact: true })).toHaveAttribute("aria-current", "page");
    await expect(page.locator("main h1")).toBeVisible();
  }
});

asAdmin("a page view renders no other page: links prefetch once a person points at them", async ({ page }) => {
  const prefetches: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("_rsc=")) prefetches.push(new URL(request.url()).pathname);
  });
  await page.goto("/health");
  await expect(page.getByTestId("tenant-acme-health")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(prefetches).toEqual([]); // the sidebar and every tenant card link stay unfetched

  const nav = page.getByRole("navigation", { name: "Console" });
  await nav.getByRole("link", { name: "Audit", exact: true }).hover();
  await expect.poll(() => prefetches).toContain("/audit");
  expect(prefetches.filter((path) => path !== "/audit")).toEqual([]);
  await nav.getByRole("link", { name: "Audit", exact: true }).click();
  await expect(page).toHaveURL(/\/audit$/);
});

const asViewer = testAs("viewer");

asViewer("a viewer sees locked surfaces with the reason and only their tenants", async ({ page }) => {
  await page.goto("/health");
  const nav = page.getByRole("navigation", { name: "Console" });
  await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
  await expect(nav.getByLabel("Your role does not include user.manage")).toBeVisible();
  await expect(page.getByTestId("tenant-acme-health")).toBeVisible();
  await expect(page.getByTestId("tenant-northwind-rx")).toBeVisible();
  await expect(page.getByTestId("tenant-globex-care")).toHaveCount(0);
  // Platform status counts only the viewer's tenants' topics: no cluster-wide figures.
  await expect(page.getByTestId("platform-kafka")).toContainText("topics of your tenants");
  await expect(page.getByTestId("platform-kafka")).not.toContainText("broker");
  await page.goto("/admin");
  await expect(page.getByText("You don't have access to this page")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/admin-viewer.png", fullPage: true });
});

const asProduct = testAs("product");

asProduct("the tenants API returns only the tenants a product user belongs to", async ({ page }) => {
  const response = await page.request.get("/api/tenants");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.tenants.map((t: { slug: string }) => t.slug)).toEqual(["acme-health"]);
});
