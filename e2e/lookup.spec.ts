import { expect, signIn, testAs } from "./fixtures";
import { DEMO_USERS } from "../server/auth/demo-users";

/** Product staff of globex-care, the demo tenant whose source writes faulty rows. */
const globexProduct = DEMO_USERS.find(
  (u) => u.scope !== "global" && u.scope.includes("globex-care") && u.role === "product",
)!;

const acme = testAs("product");

acme("product finds an acme member and sees each claim's sync state", async ({ page }) => {
  await page.goto("/lookup");
  await page.getByPlaceholder(/Member id/).fill("M1");
  const suggestion = page.getByRole("listbox", { name: "Suggestions" }).getByRole("link").first();
  await expect(suggestion).toBeVisible({ timeout: 60_000 });
  await suggestion.click();
  await expect(page).toHaveURL(/\/lookup\/acme-health\/M1\d*$/);
  await expect(page.getByTestId("explanation")).toHaveText(
    /claims? (is|are) in sync|in flight|failed|retrying|missing|differs|no claims/,
  );
  await expect(page.getByText("health data masked")).toBeVisible();
  await expect(page.getByText("Member record:")).toBeVisible();
  // Reveal is audited and shows the unmasked profile.
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(page.getByText("unmasked (this view was audited)")).toBeVisible();
});

acme.describe("a failed claim of globex-care", () => {
  acme.use({ storageState: { cookies: [], origins: [] } });

  acme(
    "is found by its tenant's product staff and followed to the DLQ; acme's product staff cannot find it",
    async ({ page, browser }) => {
      acme.setTimeout(240_000);
      await signIn(page, globexProduct.email, globexProduct.password);
      await expect(page).toHaveURL(/\/health$/);
      const failure = page.getByRole("list", { name: "Recently failed claims" }).getByRole("link").first();
      await expect(async () => {
        await page.goto("/lookup");
        await expect(failure).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 180_000, intervals: [3_000] });
      const claimId = (await failure.getByTestId("failed-claim-id").textContent())!.trim();
      await failure.click();
      await expect(page).toHaveURL(/\/lookup\/globex-care\/M\d+$/);
      const memberId = decodeURIComponent(page.url().split("/").at(-1)!);
      const row = page.getByTestId(`claim-${claimId}`);
      await expect(row.getByText("Failed", { exact: true })).toBeVisible();
      await expect(page.getByTestId("explanation")).toContainText("failed");
      const dlq = row.getByRole("link", { name: "Open in DLQ" });
      await expect(dlq).toHaveAttribute("href", `/retries/globex-care/dlq?entity=claim%3A${claimId}`);
      await dlq.click();
      await expect(page).toHaveURL(/\/retries\/globex-care\/dlq\?entity=claim%3AC-\d+/);
      await expect(page.getByText(claimId).first()).toBeVisible({ timeout: 30_000 });

      // The product user of acme-health: no suggestion, and the member's URL and API answer "not found".
      const other = await browser.newContext({ storageState: "e2e/.auth/product.json" });
      const acmePage = await other.newPage();
      await acmePage.goto("/lookup");
      // Ids are numbered per tenant, so acme-health may have its own M… or C… with the same id: what
      // must never show is globex-care's.
      for (const id of [memberId, claimId]) {
        const answered = acmePage.waitForResponse(
          (r) => r.url().includes("/api/lookup/search") && r.url().includes(encodeURIComponent(id)),
          { timeout: 30_000 },
        );
        await acmePage.getByPlaceholder(/Member id/).fill(id);
        expect((await answered).status()).toBe(200);
        await expect(acmePage.getByText(/No member or claim matches in your tenants|acme-health/).first()).toBeVisible({
          timeout: 30_000,
        });
        await expect(acmePage.getByText("globex-care", { exact: true })).toHaveCount(0);
      }
      expect((await acmePage.request.get(`/api/tenants/globex-care/members/${memberId}`)).status()).toBe(404);
      expect(
        (
          await acmePage.request.post(`/api/tenants/globex-care/members/${memberId}/resync`, {
            data: { claimId: null },
          })
        ).status(),
      ).toBe(404);
      await acmePage.goto(`/lookup/globex-care/${memberId}`);
      await expect(acmePage.getByText(/could not be found|404/i).first()).toBeVisible();
      await other.close();
    },
  );
});
