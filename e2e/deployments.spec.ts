import pg from "pg";
import { databaseUrl } from "./api-fuzz/stack-state";
import { DEDICATED_TENANT, DEMO_POOL, expect, testAs } from "./fixtures";

const asOps = testAs("ops");
const asViewer = testAs("viewer");

const POOL_TARGET = `target-${DEMO_POOL}-update-processor`;
const DEDICATED_TARGET = `target-${DEDICATED_TENANT}-update-processor`;

// The ops tests change the pool's and northwind-rx's update-processors: one after the other, in one worker.
asOps.describe.configure({ mode: "serial" });

asOps("a pool is a target like any other: it lists its tenants, each linked to its group's lag", async ({ page }) => {
  asOps.setTimeout(240_000);
  await page.goto("/deployments");
  const row = page.getByTestId(POOL_TARGET);
  await expect(row.getByTestId("pool-tenants")).toHaveText(`${DEMO_POOL} · acme-health, globex-care`);
  // one process serves both tenants: each tenant's group has it as a member, their heartbeats count
  await expect(row.getByTestId("health")).toContainText("Healthy", { timeout: 180_000 });
  await expect(row.getByTestId("instance-count")).toHaveText("1/1");
  await expect(row).toContainText("1 group member(s)");
  await expect(page.getByTestId(DEDICATED_TARGET).getByTestId("pool-tenants")).toHaveCount(0);

  // picking a pooled tenant shows the pool serving it
  await page.getByLabel("tenant", { exact: true }).selectOption("globex-care");
  await expect(page.getByTestId(POOL_TARGET)).toBeVisible();
  await expect(page.getByTestId(DEDICATED_TARGET)).toHaveCount(0);

  await page.getByTestId(POOL_TARGET).getByRole("link", { name: "globex-care" }).click();
  await expect(page).toHaveURL(/\/lag\/sync\.globex-care\.update-processor$/);
  await expect(page.getByTestId("group-status")).toBeVisible({ timeout: 60_000 });
});

asOps("scaling a pool from the page changes its instance count and health", async ({ page }) => {
  asOps.setTimeout(300_000);
  await page.goto("/deployments");
  const row = page.getByTestId(POOL_TARGET);
  await expect(row.getByTestId("health")).toContainText("Healthy", { timeout: 180_000 });
  await expect(row.getByTestId("instance-count")).toHaveText("1/1");

  await row.getByLabel(`replicas of ${DEMO_POOL} update-processor`).fill("2");
  await row.getByRole("button", { name: "Scale" }).click();
  await expect(page.getByText(new RegExp(`Scale ${DEMO_POOL} update-processor: revision \\d+ is`))).toBeVisible();
  await expect(row.getByTestId("health")).toContainText("Progressing", { timeout: 30_000 });
  await expect(row.getByTestId("instance-count")).toHaveText(/\/2$/);
  await expect(row.getByTestId("health")).toContainText("Healthy", { timeout: 180_000 });
  await expect(row.getByTestId("instance-count")).toHaveText("2/2");
  // healthy only once every tenant's group has both instances
  await expect(row).toContainText("2 group member(s)");
  await page.screenshot({ path: "test-results/deployments-scaled.png", fullPage: true });

  // the history shows the change as a diff
  await row.getByRole("button", { name: `details of ${DEMO_POOL} update-processor` }).click();
  await expect(page.getByTestId("history")).toContainText("replicas: 1 → 2");

  // back to one replica, so the demo is as it was
  await row.getByLabel(`replicas of ${DEMO_POOL} update-processor`).fill("1");
  await expect(row.getByRole("button", { name: "Scale" })).toBeEnabled({ timeout: 60_000 });
  await row.getByRole("button", { name: "Scale" }).click();
  await expect(row.getByTestId("instance-count")).toHaveText("1/1", { timeout: 120_000 });
});

asOps(
  "stopping the update-processor shows its lag rising and the group STOP with the reason; starting it brings it back to OK",
  async ({ page }) => {
    asOps.setTimeout(420_000);
    // northwind-rx runs dedicated here: stopping it leaves the pooled tenants flowing
    const lagPage = `/lag/sync.${DEDICATED_TENANT}.update-processor`;
    await page.goto("/deployments");
    const row = page.getByTestId(DEDICATED_TARGET);
    await expect(row.getByTestId("health")).toContainText("Healthy", { timeout: 180_000 });
    await row.getByRole("button", { name: "Stop", exact: true }).click();
    await expect(row.getByTestId("instance-count")).toHaveText(/^0\//, { timeout: 60_000 });

    await page.goto(lagPage);
    // Burrow's rule: no member and an offset that has not moved over the window is STOP.
    await expect(page.getByTestId("group-status")).toContainText("STOP", { timeout: 180_000 });
    await expect(page.getByTestId("group-reason")).toContainText("no consumer is running");
    const lagNow = async () => {
      const text = (await page.getByTestId("group-lag").textContent()) ?? "";
      const n = Number.parseFloat(text.replaceAll(",", ""));
      return text.includes("M") ? n * 1e6 : text.includes("K") ? n * 1e3 : n;
    };
    const before = await lagNow();
    await expect.poll(lagNow, { timeout: 60_000 }).toBeGreaterThan(before);
    await page.screenshot({ path: "test-results/screenshots/lag-stopped.png", fullPage: true });

    await page.goto("/deployments");
    await page.getByTestId(DEDICATED_TARGET).getByRole("button", { name: "Start", exact: true }).click();
    await expect(page.getByTestId(DEDICATED_TARGET).getByTestId("health")).toContainText("Healthy", {
      timeout: 180_000,
    });
    await page.goto(lagPage);
    await expect(page.getByTestId("group-status")).toContainText("OK", { timeout: 180_000 });
    await page.screenshot({ path: "test-results/screenshots/lag-recovered.png", fullPage: true });
  },
);

asViewer("a viewer sees deployments but every action says why it is disabled", async ({ page }) => {
  await page.goto("/deployments");
  const row = page.getByTestId(DEDICATED_TARGET);
  await expect(row).toBeVisible();
  await expect(page.getByTestId("target-globex-care-update-processor")).toHaveCount(0);
  const scale = row.getByRole("button", { name: "Scale" });
  await expect(scale).toBeDisabled();
  await expect(scale).toHaveAttribute("title", `Your role does not include deploy.create for ${DEDICATED_TENANT}`);

  // the pool serving acme-health is visible; its other tenant (globex-care) is counted, not named
  const pool = page.getByTestId(POOL_TARGET);
  await expect(pool.getByTestId("pool-tenants")).toHaveText(`${DEMO_POOL} · acme-health and 1 other tenant(s)`);
  await expect(pool.getByRole("button", { name: "Restart" })).toHaveAttribute(
    "title",
    `Your role does not include deploy.create for every tenant of ${DEMO_POOL}`,
  );
});

asViewer(
  "a target whose platform reports a crash loop and an edit outside SyncDeck shows both in words",
  async ({ page }) => {
    // What a kubernetes environment's agent records (deployment_target_states); the demo runs its
    // processors on this host, so the row is written here, for a target no other test changes (the
    // pool's cdc-processor).
    const db = new pg.Client({ connectionString: databaseUrl() });
    await db.connect();
    const where = `environment_id = 'local' AND tenant = '${DEMO_POOL}' AND stage = 'cdc-processor'`;
    try {
      await db.query(
        `INSERT INTO deployment_target_states (environment_id, tenant, stage, health, sync, reason, drift, observed_at)
       VALUES ('local', $3, 'cdc-processor', 'Degraded', 'OutOfSync', $1, $2, now())`,
        [
          `pod ${DEMO_POOL}-cdc-processor-7d9f-x2: container processor keeps exiting and is restarted with back-off (CrashLoopBackOff)`,
          JSON.stringify([
            {
              path: "spec.template.spec.containers[processor].env[CONSUMER_CONCURRENCY].value",
              applied: '"2"',
              live: '"9"',
            },
          ]),
          DEMO_POOL,
        ],
      );
      await page.goto("/deployments");
      const row = page.getByTestId(`target-${DEMO_POOL}-cdc-processor`);
      await expect(row.getByTestId("health")).toContainText("Degraded");
      await expect(row.getByTestId("health")).toContainText("restarted with back-off (CrashLoopBackOff)");
      await expect(row).toContainText("OutOfSync");
      await expect(row.getByTestId("drift")).toHaveText(
        "changed outside SyncDeck:setting CONSUMER_CONCURRENCY is 9 (SyncDeck applied 2)",
      );
    } finally {
      await db.query(`DELETE FROM deployment_target_states WHERE ${where}`);
      await db.end();
    }
  },
);

const asAdmin = testAs("admin");

asAdmin(
  "promoting a tenant's processors to a protected environment makes a revision per stage waiting for approval",
  async ({ page }) => {
    asAdmin.setTimeout(120_000);
    const production = `e2e-prod-${Date.now().toString(36)}`;
    const created = await page.request.post("/api/environments", {
      data: { id: production, title: "E2E production", driver: "local", protected: true },
    });
    expect(created.status()).toBe(201);

    // the ops tests before this one change northwind-rx: promote once nothing of it is in flight
    await expect
      .poll(
        async () => {
          const local = await (
            await page.request.get(`/api/deployments?environment=local&tenant=${DEDICATED_TENANT}&limit=20`)
          ).json();
          return (local.deployments as Array<{ state: string }>).filter((d) =>
            ["PENDING_APPROVAL", "QUEUED", "ROLLING_OUT"].includes(d.state),
          ).length;
        },
        { timeout: 90_000 },
      )
      .toBe(0);
    await page.goto(`/deployments?tenant=${DEDICATED_TENANT}`);
    const bar = page.getByTestId("promote-bar");
    await expect(bar).toContainText(`Promote${DEDICATED_TENANT}as it runs here to`);
    await bar.getByLabel("promote to environment").selectOption(production);
    await expect(bar.getByRole("button", { name: "Promote" })).toBeDisabled();
    await bar.getByLabel("reason for the promotion").fill("release passed the local checks");
    await bar.getByRole("button", { name: "Promote" }).click();
    await expect(page.getByRole("status")).toContainText(
      `Promoted ${DEDICATED_TENANT} to E2E production: cdc-processor revision 1, update-processor revision 1, retry-processor revision 1 — waiting for an admin's approval there`,
    );

    // the destination shows the three revisions waiting, with the promotion's reason
    await page.getByLabel("environment", { exact: true }).selectOption(production);
    for (const stage of ["cdc-processor", "update-processor", "retry-processor"])
      await expect(page.getByTestId(`target-${DEDICATED_TENANT}-${stage}`)).toContainText(/pending approval/i);
    const listed = await (await page.request.get(`/api/deployments?environment=${production}`)).json();
    for (const d of listed.deployments as Array<{ id: string; reason: string }>) {
      expect(d.reason).toMatch(/^promoted from local revision \d+: release passed the local checks$/);
      expect((await page.request.post(`/api/deployments/${d.id}/cancel`)).status()).toBe(200);
    }
  },
);
