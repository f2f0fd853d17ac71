/**
 * For benchmarks of the console itself: a throwaway local stack with the demo users, data put in
 * by `prepare`, the production console (built when stale; lag sampler off so nothing overwrites the
 * data) and an admin session. Everything is stopped and removed afterwards, also on failure.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildConsole, consoleBuildIsStale, startConsole } from "../scripts/stack/console";
import { startLocalStack } from "../scripts/stack/local-stack";
import { freePort } from "../scripts/stack/net";
import { signIn } from "./sign-in";

export type BenchConsole = {
  /** `http://localhost:<port>`, the URL the console's session cookie is issued for (browsers) */
  baseUrl: string;
  /** `http://127.0.0.1:<port>`, for load generators (no name lookup per request) */
  loopbackUrl: string;
  /** the admin's session cookie header */
  cookie: string;
  /** the console server's pid, for CPU accounting */
  pid: number;
};

export async function withBenchConsole<T>(
  name: string,
  prepare: (env: NodeJS.ProcessEnv) => Promise<void>,
  run: (console_: BenchConsole) => Promise<T>,
): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `syncdeck-bench-${name}-`));
  const stack = await startLocalStack({ dataDir, demo: true, log: (line) => console.log(`[bench] ${line}`) });
  let console_: Awaited<ReturnType<typeof startConsole>> | undefined;
  try {
    await prepare(stack.env);
    if (consoleBuildIsStale()) buildConsole();
    const port = await freePort();
    console_ = await startConsole({
      port,
      env: { ...stack.env, NEXTAUTH_URL: `http://localhost:${port}`, SYNCDECK_LAG_SAMPLER: "off" },
      log: () => undefined,
    });
    const loopbackUrl = `http://127.0.0.1:${port}`;
    return await run({
      baseUrl: `http://localhost:${port}`,
      loopbackUrl,
      cookie: await signIn(loopbackUrl),
      pid: console_.pid,
    });
  } finally {
    await console_?.stop();
    await stack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
