import { defineConfig } from "@playwright/test";
import os from "node:os";
import path from "node:path";
import base from "./playwright.config";

/**
 * SSO end to end: a real local OpenID Connect provider, and the demo console configured to use
 * it through the same OIDC_* variables production uses. `npx playwright test -c playwright.sso.config.ts`
 */
const port = Number(process.env.E2E_SSO_PORT ?? 3117);
const idpPort = port + 1;
const consoleUrl = `http://localhost:${port}`;
const dataDir = path.join(os.tmpdir(), `syncdeck-e2e-sso-${process.pid}`);

export default defineConfig({
  ...base,
  testDir: "e2e/sso",
  outputDir: "test-results/e2e-sso",
  workers: 1,
  use: { ...base.use, baseURL: consoleUrl },
  projects: [{ name: "sso" }],
  webServer: [
    {
      command: "npx tsx e2e/sso/oidc-idp.ts",
      url: `http://localhost:${idpPort}/.well-known/openid-configuration`,
      env: { IDP_PORT: String(idpPort), CONSOLE_URL: consoleUrl },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `npx tsx --conditions=react-server scripts/demo.ts --port ${port} --data-dir ${dataDir} --ephemeral`,
      url: `${consoleUrl}/api/healthz`,
      env: {
        OIDC_ISSUER: `http://localhost:${idpPort}`,
        OIDC_CLIENT_ID: "syncdeck-e2e",
        OIDC_CLIENT_SECRET: "syncdeck-e2e-secret",
        OIDC_ROLE_MAP: "syncdeck-admins=admin,syncdeck-ops=ops",
        OIDC_TENANT_MAP: "acme-support=acme-health:product",
      },
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 60_000 },
    },
  ],
});
