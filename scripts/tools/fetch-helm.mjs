#!/usr/bin/env node
/**
 * `npm run tools:helm`: builds Helm (a Go module) into .cache/tools/bin/helm with `go install`, for
 * the chart test (test/deploy/helm-chart.integration.test.ts renders and lints deploy/helm/syncdeck).
 * Does nothing when the pinned version is already there. Needs Go (GO=/path/to/go, else `go` on PATH, else /usr/local/go/bin/go).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const HELM_MODULE = "helm.sh/helm/v4/cmd/helm";
export const HELM_VERSION = "v4.3.2";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = path.join(root, ".cache/tools/bin");
const helm = path.join(bin, "helm");

const stamp = path.join(bin, "helm.version");

/** The module version go install built (`helm version` says only the minor), from a stamp beside it. */
function installedVersion() {
  if (!fs.existsSync(helm) || !fs.existsSync(stamp)) return undefined;
  return spawnSync(helm, ["version"]).status === 0 ? fs.readFileSync(stamp, "utf8").trim() : undefined;
}

const found = installedVersion();
if (found === HELM_VERSION) {
  console.log(`tools:helm: ${path.relative(root, helm)} is ${found}`);
} else {
  const go = process.env.GO || (spawnSync("go", ["version"]).status === 0 ? "go" : "/usr/local/go/bin/go");
  console.log(
    `tools:helm: building ${HELM_MODULE}@${HELM_VERSION}${found ? ` (found ${found})` : ""}; this takes a minute or two`,
  );
  const started = Date.now();
  fs.mkdirSync(bin, { recursive: true });
  const result = spawnSync(go, ["install", `${HELM_MODULE}@${HELM_VERSION}`], {
    stdio: "inherit",
    env: { ...process.env, GOBIN: bin },
  });
  if (result.error) {
    console.error(`tools:helm: cannot run ${go}: ${result.error.message} (install Go, or set GO to its path)`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
  if (spawnSync(helm, ["version"]).status !== 0) {
    console.error(`tools:helm: built ${helm} but it does not run`);
    process.exit(1);
  }
  fs.writeFileSync(stamp, `${HELM_VERSION}\n`);
  console.log(
    `tools:helm: ${path.relative(root, helm)} ${HELM_VERSION} in ${Math.round((Date.now() - started) / 1000)} s`,
  );
}
