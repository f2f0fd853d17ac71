import { defineConfig } from "@playwright/test";
import os from "node:os";
import path from "node:path";
import { CHROMIUM_LAUNCH } from "./scripts/stack/chromium";

const port = Number(process.env.E2E_PORT ?? 3107);
// Workers inherit it: specs that check the stack's Postgres and Kafka directly find them there.
const dataDir = (process.env.SYNCDECK_E2E_DATA_DIR ??= path.join(os.tmpdir(), `syncdeck-e2e-${process.pid}`));

const launchOptions = CHROMIUM_LAUNCH;

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  outputDir: "test-results/e2e",
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions,
    viewport: { width: 1440, height: 900 },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    { name: "sign-in", testMatch: /auth\.setup\.ts/ },
    { name: "console", testIgnore: [/auth\.setup\.ts/, /sso\//], dependencies: ["sign-in"] },
  ],
  // The same entry point as `npm run demo`, on a throwaway data dir: real Kafka, Postgres and console.
  webServer: {
    command: `npx tsx --conditions=react-server scripts/demo.ts --port ${port} --data-dir ${dataDir} --ephemeral`,
    url: `http://localhost:${port}/api/healthz`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 60_000 },
    // The alert spec's webhook receiver listens on loopback, which webhooks reach only when allowed.
    // The demo pools its tenants; northwind-rx stays dedicated here, so the specs see both kinds of
    // target and one may stop a tenant's processor without stopping the others (e2e/fixtures.ts).
    env: {
      ...(process.env as Record<string, string>),
      SYNCDECK_WEBHOOK_ALLOW: process.env.SYNCDECK_WEBHOOK_ALLOW ?? "127.0.0.1",
      SYNCDECK_DEMO_POOL: process.env.SYNCDECK_DEMO_POOL ?? "pool-demo",
      SYNCDECK_DEMO_DEDICATED: process.env.SYNCDECK_DEMO_DEDICATED ?? "northwind-rx",
    },
  },
});
