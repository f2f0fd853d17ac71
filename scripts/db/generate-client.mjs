#!/usr/bin/env node
/**
 * Generates the Prisma client into server/db/generated (git-ignored). Runs as `postinstall`.
 *
 * Every prisma CLI command first makes sure it has Prisma's native schema engine and downloads it
 * from Prisma's binary host when missing. That host is unreachable on this project's machines, so
 * `prisma generate` would die with ENOTFOUND although generating needs no engine at all (the client
 * uses the pg driver adapter and a WebAssembly query compiler). PRISMA_SCHEMA_ENGINE_BINARY points
 * at a committed stub instead, which answers `--version` and refuses everything else.
 *
 * Plain .mjs on purpose: it runs during `npm install`, before anything else can be relied upon.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const stub = path.join(root, "scripts/db/schema-engine-stub.sh");
const generatedClient = path.join(root, "server/db/generated/client.ts");

function fail(message) {
  console.error(`\n[db:generate] ${message}\n`);
  process.exit(1);
}

function prismaCli() {
  try {
    const pkg = createRequire(path.join(root, "package.json")).resolve("prisma/package.json");
    return path.join(path.dirname(pkg), "build/index.js");
  } catch {
    return fail(
      "The prisma CLI (a devDependency) is not installed, so the Prisma client cannot be generated.\n" +
        "Install with dev dependencies (plain `npm install`), generate, then prune if needed.",
    );
  }
}

/** Git checkouts with core.fileMode=false (and some archive tools) drop the executable bit. */
function ensureExecutable(file) {
  const mode = fs.statSync(file).mode;
  if ((mode & 0o111) !== 0o111) fs.chmodSync(file, mode | 0o755);
}

function main() {
  ensureExecutable(stub);
  const started = Date.now();
  const result = spawnSync(process.execPath, [prismaCli(), "generate"], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      // An explicitly configured engine (a machine with Prisma's binaries) wins over the stub.
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || stub,
      // Both would contact Prisma's servers, which are unreachable here.
      CHECKPOINT_DISABLE: "1",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
  if (result.error) fail(`Could not run the prisma CLI: ${result.error.message}`);
  if (result.status !== 0) {
    fail(
      `\`prisma generate\` failed (exit ${result.status ?? result.signal}); see its output above.\n` +
        "Check prisma/schema.prisma and prisma.config.ts. If the output mentions a download or\n" +
        "binaries.prisma.sh, PRISMA_SCHEMA_ENGINE_BINARY is not reaching the CLI.",
    );
  }
  if (!fs.existsSync(generatedClient)) {
    fail(`\`prisma generate\` succeeded but ${path.relative(root, generatedClient)} is missing.`);
  }
  console.log(`[db:generate] Prisma client ready in ${Date.now() - started} ms`);
}

main();
