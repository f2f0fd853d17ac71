/**
 * `npm test`: typecheck, lint, unit tests, a production build (`npm run build`: the console's
 * standalone server and the `syncdeck` command), integration tests (real Kafka and Postgres, started
 * on free ports by the test harness), and Playwright in Debian's chromium against the build.
 * Stops at the first failing step and ends with one summary line of counted tests.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-test-"));
const bin = (name: string) => path.join(ROOT, "node_modules/.bin", name);

type Counts = { passed: number; failed: number; skipped: number };
const total: Counts = { passed: 0, failed: 0, skipped: 0 };

function vitestCounts(file: string): Counts {
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function playwrightCounts(file: string): Counts {
  const { stats } = JSON.parse(fs.readFileSync(file, "utf8"));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

const steps: Array<{ name: string; command: string[]; env?: Record<string, string>; counts?: () => Counts }> = [
  { name: "typecheck", command: [bin("tsc"), "--noEmit"] },
  { name: "lint", command: [bin("eslint"), "--max-warnings", "0", "."] },
  { name: "format", command: [bin("prettier"), "--check", ".", "--log-level", "warn"] },
  {
    name: "unit tests",
    command: [
      bin("vitest"),
      "run",
      "--project",
      "unit",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${reports}/unit.json`,
    ],
    counts: () => vitestCounts(`${reports}/unit.json`),
  },
  // The chart and Kubernetes tests need Helm and a control plane built from their Go modules; each
  // is built once into .cache/tools and is a one-second check afterwards.
  { name: "tools", command: ["sh", "-c", "npm run --silent tools:helm && npm run --silent tools:k8s"] },
  // Before the integration tests: they run the `syncdeck` command and its standalone console.
  { name: "production build", command: ["npm", "run", "build"] },
  {
    name: "integration tests",
    command: [
      bin("vitest"),
      "run",
      "--project",
      "integration",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${reports}/integration.json`,
    ],
    counts: () => vitestCounts(`${reports}/integration.json`),
  },
  {
    name: "browser tests",
    command: [bin("playwright"), "test", "--reporter=list,json"],
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: `${reports}/e2e.json` },
    counts: () => playwrightCounts(`${reports}/e2e.json`),
  },
  {
    name: "SSO browser tests (local OpenID Connect provider)",
    command: [bin("playwright"), "test", "-c", "playwright.sso.config.ts", "--reporter=list,json"],
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: `${reports}/e2e-sso.json` },
    counts: () => playwrightCounts(`${reports}/e2e-sso.json`),
  },
];

const started = performance.now();
for (const step of steps) {
  process.stdout.write(`\n=== ${step.name} ===\n`);
  const stepStarted = performance.now();
  const [command, ...args] = step.command;
  const result = spawnSync(command!, args, {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...step.env },
  });
  const counts = safeCounts(step.counts);
  if (counts) for (const key of ["passed", "failed", "skipped"] as const) total[key] += counts[key];
  const seconds = ((performance.now() - stepStarted) / 1000).toFixed(1);
  process.stdout.write(`=== ${step.name}: ${result.status === 0 ? "ok" : "FAILED"} in ${seconds} s ===\n`);
  if (result.status !== 0) {
    if (!counts?.failed) total.failed += 1;
    finish(1);
  }
}
finish(0);

function safeCounts(read?: () => Counts): Counts | undefined {
  try {
    return read?.();
  } catch {
    return undefined;
  }
}

function finish(code: number): never {
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  process.stdout.write(`\nnpm test finished in ${minutes} min\n`);
  process.stdout.write(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
  fs.rmSync(reports, { recursive: true, force: true });
  process.exit(code);
}
