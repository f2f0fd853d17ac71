import type { Page } from "@playwright/test";
import { expect, testAs } from "./fixtures";

const asOps = testAs("ops");
const asAdmin = testAs("admin");

// One request walks from ops to admin and back: the tests share it, in order, in one worker.
asOps.describe.configure({ mode: "serial" });

const suffix = Math.random()
  .toString(36)
  .slice(2, 6)
  .replace(/[^a-z0-9]/g, "x");
const SLUG = `initech-${suffix}`;
const NAME = `Initech ${suffix.toUpperCase()}`;
const REASON = "Peak rate looks low for a pharmacy network; please confirm it with your DBA";

const statusChip = (page: Page) => page.getByTestId("tenant-status");

async function expectChecksPass(page: Page) {
  const checks = page.getByTestId("preflight").locator("[data-ok]");
  await expect(checks.first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("preflight").locator('[data-ok="false"]')).toHaveCount(0);
  expect(await checks.count()).toBeGreaterThanOrEqual(4);
}

asOps(
  "ops requests a tenant: the slug is checked as typed, the partition plan previews, the timeline shows the request",
  async ({ page }) => {
    await page.goto("/tenants");
    await page.getByRole("link", { name: "Request a tenant" }).click();
    await expect(page).toHaveURL(/\/tenants\/new$/);

    await page.getByLabel("Org name").fill(NAME);
    await expect(page.getByLabel("Slug", { exact: true })).toHaveValue(`initech-${suffix}`);
    await page.getByLabel("Slug", { exact: true }).fill("Initech!");
    await expect(page.getByText("slug must be 3-40 lowercase letters, digits or dashes")).toBeVisible();
    await page.getByLabel("Slug", { exact: true }).fill(SLUG);
    await expect(page.getByText("slug must be 3-40 lowercase letters")).toHaveCount(0);

    await page.getByLabel("Contact 1 name").fill("Peter Gibbons");
    await page.getByLabel("Contact 1 email").fill("peter@initech.example");
    await page.getByRole("button", { name: "Add a contact" }).click();
    await page.getByLabel("Contact 2 name").fill("Bill Lumbergh");
    await page.getByLabel("Contact 2 email").fill("bill@initech.example");
    await page.getByRole("button", { name: "Remove contact 2" }).click();
    await expect(page.getByTestId("contact-row")).toHaveCount(1);

    await expect(page.getByText("created for you on the platform's source server")).toBeVisible();
    await page.getByLabel("Expected daily changes").fill("2000000");
    await page.getByLabel("Peak changes per second").fill("900");
    await expect(page.getByTestId("partition-preview")).toContainText("4 partitions per topic");
    await expect(page.getByTestId("partition-preview")).toContainText("peak 900/s ÷ 250/s per partition");
    await page.screenshot({ path: "test-results/screenshots/tenant-request-form.png", fullPage: true });

    await page.getByRole("button", { name: "Submit request" }).click();
    await expect(page).toHaveURL(new RegExp(`/tenants/${SLUG}$`), { timeout: 30_000 });
    await expect(statusChip(page)).toHaveText("Submitted");
    await expect(page.getByTestId("timeline")).toContainText(`ops@syncdeck.local asked to onboard ${NAME}`);
    await expect(page.getByText("Waiting for an admin to check and approve the request")).toBeVisible();
    await expect(page.getByRole("button", { name: "Approve and provision" })).toHaveCount(0);
    expect((await page.request.post(`/api/tenants/${SLUG}/approve`)).status()).toBe(403);

    // a second request for the same slug is refused, and the form says why
    await page.goto("/tenants/new");
    await page.getByLabel("Org name").fill("Initech again");
    await page.getByLabel("Slug", { exact: true }).fill(SLUG);
    await page.getByLabel("Contact 1 name").fill("Peter Gibbons");
    await page.getByLabel("Contact 1 email").fill("peter@initech.example");
    await page.getByLabel("Expected daily changes").fill("1000");
    await page.getByLabel("Peak changes per second").fill("1");
    await page.getByRole("button", { name: "Submit request" }).click();
    await expect(page.getByTestId("form-error")).toHaveText(`slug: "${SLUG}" is taken; choose another`);
  },
);

asAdmin(
  "admin finds the request in the queue, sees the pre-flight checks pass, and declines it with a reason",
  async ({ page }) => {
    asAdmin.setTimeout(120_000);
    await page.goto("/tenants");
    await expect(page.getByTestId("waiting-count")).not.toHaveText("0");
    await page.getByTestId("approval-queue").getByRole("link", { name: NAME }).click();
    await expect(page).toHaveURL(new RegExp(`/tenants/${SLUG}$`));
    await expectChecksPass(page);
    await expect(page.getByRole("button", { name: "Approve and provision" })).toBeEnabled();
    await page.screenshot({ path: "test-results/screenshots/tenant-approval.png", fullPage: true });

    await expect(page.getByRole("button", { name: "Decline" })).toBeDisabled();
    await page.getByLabel("Reason to decline").fill(REASON);
    await page.getByRole("button", { name: "Decline" }).click();
    await expect(statusChip(page)).toHaveText("Declined");
    await expect(page.getByTestId("timeline")).toContainText(`admin@syncdeck.local declined: ${REASON}`);
  },
);

asOps("ops sees the reason, edits and resubmits; it still cannot approve its own request", async ({ page }) => {
  await page.goto("/tenants");
  await expect(page.getByTestId(`request-${SLUG}`)).toContainText(`Declined: ${REASON}`);
  await page.goto(`/tenants/${SLUG}`);
  await expect(page.getByTestId("decline-reason")).toHaveText(REASON);
  await page.screenshot({ path: "test-results/screenshots/tenant-declined.png", fullPage: true });
  await page.getByRole("button", { name: "Edit and resubmit" }).click();
  const form = page.getByRole("form", { name: "Edit and resubmit" });
  await expect(form.getByLabel("Org name")).toHaveValue(NAME);
  await expect(form.getByLabel("Contact 1 email")).toHaveValue("peter@initech.example");
  await form.getByLabel("Peak changes per second").fill("1200");
  await expect(form.getByTestId("partition-preview")).toContainText("5 partitions per topic");
  await form.getByRole("button", { name: "Resubmit request" }).click();
  await expect(statusChip(page)).toHaveText("Submitted");
  await expect(page.getByTestId("timeline")).toContainText("ops@syncdeck.local resubmitted the request");
  await expect(page.getByRole("button", { name: "Approve and provision" })).toHaveCount(0);
  const approve = await page.request.post(`/api/tenants/${SLUG}/approve`);
  expect(approve.status()).toBe(403);
});

asAdmin("admin approves; the job's steps finish and the tenant turns ACTIVE and shows on /health", async ({ page }) => {
  asAdmin.setTimeout(360_000);
  await page.goto(`/tenants/${SLUG}`);
  await expect(page.getByTestId("request-summary")).toContainText("→ 5 partitions");
  await expectChecksPass(page);
  await page.getByRole("button", { name: "Approve and provision" }).click();
  await expect(page.getByTestId("job-steps")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("timeline")).toContainText("approved; provisioning with 5 partitions");
  await expect(page.getByRole("progressbar", { name: "job progress" })).toBeVisible();
  // the 2 s polling moves the steps along without a reload
  await expect(page.getByTestId("step-source")).toHaveAttribute("data-state", "done", { timeout: 120_000 });
  await page.screenshot({ path: "test-results/screenshots/tenant-provisioning.png", fullPage: true });
  await expect(statusChip(page)).toHaveText("Active", { timeout: 240_000 });
  for (const step of ["source", "topics", "connector", "deployments", "access"]) {
    await expect(page.getByTestId(`step-${step}`)).toHaveAttribute("data-state", "done");
  }
  await expect(page.getByTestId("job-status")).toHaveText("succeeded");
  await expect(page.getByTestId("lag-summary")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/tenant-active.png", fullPage: true });

  await page.goto("/health");
  await expect(page.getByTestId(`tenant-${SLUG}`)).toBeVisible();
  await page.goto("/tenants");
  await expect(page.getByTestId(`tenant-row-${SLUG}`)).toContainText("Active");
  await page.screenshot({ path: "test-results/screenshots/tenants-list.png", fullPage: true });
});

asAdmin("an admin's own request cannot be approved by that admin", async ({ page }) => {
  const slug = `initrode-${suffix}`;
  const created = await page.request.post("/api/tenants", {
    data: {
      name: `Initrode ${suffix}`,
      slug,
      contacts: [{ name: "Michael Bolton", email: "michael@initrode.example" }],
      source: { kind: "managed" },
      expectedDailyChanges: 5_000,
      peakChangesPerSecond: 2,
      entities: ["members"],
      environment: "local",
    },
  });
  expect(created.status()).toBe(201);
  const detail = await created.json();
  expect(detail.tenant).toMatchObject({ slug, status: "SUBMITTED" });
  expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(["submitted"]);
  const approve = await page.request.post(`/api/tenants/${slug}/approve`);
  expect(approve.status()).toBe(403);
  expect((await approve.json()).error.message).toBe("you requested this tenant; another admin must approve it");
  await page.goto(`/tenants/${slug}`);
  await expect(page.getByRole("button", { name: "Approve and provision" })).toBeDisabled();
  await expect(page.getByTestId("approve-blocked")).toContainText(
    "you requested this tenant; another admin must approve it",
  );
  // leave the queue as it was: decline it
  expect((await page.request.post(`/api/tenants/${slug}/decline`, { data: { reason: "test request" } })).status()).toBe(
    200,
  );
});

asAdmin("offboarding lists what goes and what stays, and needs the slug typed", async ({ page }) => {
  asAdmin.setTimeout(300_000);
  await page.goto(`/tenants/${SLUG}`);
  await page.getByRole("button", { name: "Offboard…" }).click();
  const dialog = page.getByRole("dialog", { name: `Offboard ${NAME}` });
  await expect(dialog.getByTestId("offboard-deleted")).toContainText(`connector`);
  await expect(dialog.getByTestId("offboard-kept")).toContainText("the synced target rows");
  const button = dialog.getByRole("button", { name: "Offboard", exact: true });
  await expect(button).toBeDisabled();
  await dialog.getByLabel("confirm slug").fill(SLUG.slice(0, -1));
  await expect(button).toBeDisabled();
  await dialog.getByLabel("confirm slug").fill(SLUG);
  await page.screenshot({ path: "test-results/screenshots/tenant-offboard.png", fullPage: true });
  await button.click();
  await expect(dialog).toHaveCount(0);
  await expect(statusChip(page)).toHaveText("Offboarded", { timeout: 240_000 });
});
