/**
 * How the benches start a processor: the way production does, through the compiled `syncdeck`
 * command (`bin/syncdeck.js processor <stage>`, the bundle `npm run build:cli` writes) rather than
 * the TypeScript entry through tsx, whose module loading and transpiling cost each process more
 * than a second of CPU at start — inside a timed drain. The bundle is rebuilt once per bench run,
 * before anything is timed, so what is measured is this checkout's code.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Stage } from "@/lib/contract/topics";
import { REPO_ROOT } from "../scripts/stack/maven";

let built = false;

/** Builds dist/syncdeck.cjs from this checkout (withBenchStack does, before the stack starts). */
export function buildProcessorBundle(): void {
  execFileSync(process.execPath, [path.join(REPO_ROOT, "scripts/build-cli.mjs")], { cwd: REPO_ROOT, stdio: "pipe" });
  built = true;
}

/** node's arguments that run `stage`, before its `--tenant …` / `--pool …` options. */
export function compiledProcessor(stage: Stage): string[] {
  if (!built) throw new Error("compiledProcessor: call buildProcessorBundle() first, before anything is timed");
  return [path.join(REPO_ROOT, "bin/syncdeck.js"), "processor", stage];
}
