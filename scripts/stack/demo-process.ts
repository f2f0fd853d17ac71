/**
 * `npm run demo`'s entry point as a child process, for scripts that need the whole product with the
 * demo's data (page benchmarks, README screenshots): free ports, a throwaway data dir removed on
 * stop, the console built when stale. `stop()` sends SIGTERM to the demo's process group and waits.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_USERS } from "../../server/auth/demo-users";
import { freePort } from "./net";

export type DemoProcess = { baseUrl: string; pid: number; stop(): Promise<void> };

export async function startDemoProcess(log: (line: string) => void): Promise<DemoProcess> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-demo-"));
  const child = spawn(
    "npx",
    [
      "tsx",
      "--conditions=react-server",
      "scripts/demo.ts",
      "--port",
      String(port),
      "--data-dir",
      dataDir,
      "--ephemeral",
    ],
    {
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", SYNCDECK_METRICS_PORT: String(await freePort()) },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const baseUrl = `http://localhost:${port}`;
  log(`starting the demo on ${baseUrl} (builds the console when stale)`);
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid!, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 90_000))]);
  };
  try {
    await waitUntil(
      async () => (await fetch(`${baseUrl}/api/healthz`).catch(() => null))?.ok === true,
      900_000,
      () => `the demo did not start:\n${output}`,
      child,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, pid: child.pid!, stop };
}

/** Polls `check` every second until it answers true; fails with `failure()` at the deadline or when `child` exits. */
export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  failure: () => string,
  child?: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(failure());
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(failure());
}

export const demoAdmin = () => DEMO_USERS.find((u) => u.role === "admin")!;
