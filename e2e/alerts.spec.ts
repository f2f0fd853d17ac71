import http from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "@playwright/test";
import { expect, testAs } from "./fixtures";

const asOps = testAs("ops");
const asViewer = testAs("viewer");

/** A webhook receiver on loopback that keeps what it was sent. */
async function startReceiver() {
  const bodies: Array<{ status: string; tenant: string; text: string; rule: { name: string } }> = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      bodies.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    bodies,
    close: () => new Promise((r) => server.close(r)),
  };
}

asOps(
  "ops creates a DLQ-growth rule; it fires from the live pipeline, the webhook hears it, and switching it off resolves it",
  async ({ page }) => {
    test.setTimeout(150_000);
    const receiver = await startReceiver();
    const name = `DLQ growing ${Date.now().toString(36)}`;
    try {
      await page.goto("/alerts");
      await page.getByRole("button", { name: "New rule" }).click();
      await page.getByLabel("Tenant").selectOption("globex-care");
      await page.getByLabel("Name").fill(name);
      await page.getByLabel("Condition").selectOption("dlq_growth");
      await page.getByLabel("Threshold").fill("0");
      await page.getByLabel("Minutes").fill("2");
      await page.getByLabel("Webhook (optional)").fill(receiver.url);
      await expect(page.getByText("Fires when more than 0 new DLQ messages within 2 min.")).toBeVisible();
      await page.getByRole("button", { name: "Create rule" }).click();

      const rule = page.getByTestId(`rule-${name}`);
      await expect(rule).toContainText("more than 0 new DLQ messages within 2 min");
      // globex-care's simulator writes ~1% faulty changes; most go straight to its dead-letter topic.
      await expect(rule.getByText("Firing")).toBeVisible({ timeout: 90_000 });
      const event = page.getByTestId("alert-event").filter({ hasText: name }).first();
      await expect(event).toContainText(/reached the DLQ in 2 min/);
      await expect
        .poll(() => receiver.bodies.filter((b) => b.rule.name === name).map((b) => b.status), { timeout: 30_000 })
        .toContain("firing");
      expect(receiver.bodies.find((b) => b.rule.name === name)).toMatchObject({
        tenant: "globex-care",
        text: expect.stringMatching(/^FIRING globex-care: /),
      });
      await expect(event).toContainText("firing sent", { timeout: 30_000 });
      await page.screenshot({ path: "test-results/screenshots/alerts.png", fullPage: true });

      await rule.getByRole("button", { name: "Switch off" }).click();
      await expect(rule.getByText("Off")).toBeVisible();
      await expect(event.getByText("Resolved")).toBeVisible();
    } finally {
      await receiver.close();
    }
  },
);

asViewer("a viewer sees alerts but cannot create or switch rules, and is told why", async ({ page }) => {
  await page.goto("/alerts");
  await expect(page.getByRole("heading", { name: "Alerts" })).toBeVisible();
  const create = page.getByRole("button", { name: "New rule" });
  await expect(create).toBeDisabled();
  await expect(create).toHaveAttribute("title", "Your role does not include alert.manage");
});
