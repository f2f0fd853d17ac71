import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = {
  "@": path.resolve(__dirname),
  // `server-only` throws outside React Server Components; tests import server modules directly.
  "server-only": path.resolve(__dirname, "test/empty-module.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["{app,components,lib,server,pipeline,scripts,bench}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.integration.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["{lib,server,pipeline,scripts,test}/**/*.integration.test.ts"],
          globalSetup: ["test/integration/global-setup.ts"],
          setupFiles: ["test/integration/setup-env.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One broker and one Postgres serve every file; files run one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
