/**
 * What every bench on the local stack does around its phases: a temp folder, the processors'
 * compiled bundle (processor-program.ts), the broker and Postgres (setup.ts), the clients, the
 * machine and commit-time lines first; and, however the phases end, every processor stopped,
 * every client closed, the stack and the folder removed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildProcessorBundle } from "../processor-program";
import { load } from "./config";
import { stopAll } from "./processors";
import { commitTimeLine, machineLine } from "./report";
import { connect, startStack, type BenchContext, type Stack } from "./setup";

export async function withBenchStack(name: string, phases: (ctx: BenchContext) => Promise<void>): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `syncdeck-bench-${name}-`));
  const logDir = path.join(tmp, "logs");
  fs.mkdirSync(logDir);
  let stack: Stack | undefined;
  let ctx: BenchContext | undefined;
  const closers: Array<() => Promise<void>> = [];
  try {
    console.log(machineLine(load()));
    buildProcessorBundle();
    stack = await startStack(tmp);
    ctx = await connect(stack, logDir, closers);
    console.log(commitTimeLine(ctx.commitTs));
    await phases(ctx);
  } finally {
    if (ctx) await stopAll(ctx.running);
    for (const close of closers.reverse()) await close().catch(() => {});
    await stack?.cleanup();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Runs a bench's main, exiting 1 with the error when it throws. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
