/**
 * The compiled `syncdeck` command (dist/syncdeck.cjs, written by scripts/build-cli.mjs) for the
 * processors a checkout starts itself, the demo's and the benches': they run what production runs
 * (`syncdeck processor <stage>`), not the TypeScript entry through tsx, whose module loading and
 * transpiling cost each process more than a second of CPU at start and tens of MB resident.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "./maven";

/** Builds dist/syncdeck.cjs from this checkout (esbuild, well under a second), so it runs this code. */
export function buildCliBundle(): void {
  execFileSync(process.execPath, [path.join(REPO_ROOT, "scripts/build-cli.mjs")], { cwd: REPO_ROOT, stdio: "pipe" });
}

/** node's arguments that run `stage` from the bundle, before its `--tenant …` / `--pool …` options. */
export function bundledProcessor(stage: string): string[] {
  return [path.join(REPO_ROOT, "bin/syncdeck.js"), "processor", stage];
}
