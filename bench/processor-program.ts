/**
 * How the benches start a processor: the way production does, through the compiled `syncdeck`
 * command (`bin/syncdeck.js processor <stage>`, the bundle `npm run build:cli` writes) rather than
 * the TypeScript entry through tsx, whose module loading and transpiling cost each process more
 * than a second of CPU at start — inside a timed drain. The bundle is rebuilt once per bench run,
 * before anything is timed, so what is measured is this checkout's code.
 */
import type { Stage } from "@/lib/contract/topics";
import { buildCliBundle, bundledProcessor } from "../scripts/stack/cli-bundle";

let built = false;

/** Builds dist/syncdeck.cjs from this checkout (withBenchStack does, before the stack starts). */
export function buildProcessorBundle(): void {
  buildCliBundle();
  built = true;
}

/** node's arguments that run `stage`, before its `--tenant …` / `--pool …` options. */
export function compiledProcessor(stage: Stage): string[] {
  if (!built) throw new Error("compiledProcessor: call buildProcessorBundle() first, before anything is timed");
  return bundledProcessor(stage);
}
