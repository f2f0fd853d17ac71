import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { formatLogLine } from "@/lib/log/format-line";

const ROOT = path.resolve(__dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const STANDALONE_SERVER = path.join(ROOT, ".next/standalone/server.js");
const SOURCES = [
  "app",
  "components",
  "lib",
  "server",
  "proxy.ts",
  "next.config.js",
  "package-lock.json",
  "postcss.config.mjs",
];

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) {
    if (child === "generated" || child === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** A production build is needed when none exists or a source file changed after it. */
export function consoleBuildIsStale(): boolean {
  const buildId = fs.statSync(path.join(ROOT, ".next/BUILD_ID"), { throwIfNoEntry: false });
  if (!fs.existsSync(path.join(ROOT, ".next/standalone/.next/static"))) return true;
  if (!buildId) return true;
  return SOURCES.some((source) => newestMtime(path.join(ROOT, source)) > buildId.mtimeMs);
}

/** `npm run build`'s steps: the Next.js build, its standalone server made complete, the `syncdeck` bundle. */
export function buildConsole(): void {
  const steps = [
    [NEXT_BIN, "build"],
    [path.join(ROOT, "scripts/standalone-assets.mjs")],
    [path.join(ROOT, "scripts/build-cli.mjs")],
  ];
  for (const args of steps) {
    const result = spawnSync(process.execPath, args, {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (result.status !== 0) throw new Error(`${path.basename(args[0]!)} failed (see above)`);
  }
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the console exited with code ${child.exitCode} while starting`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the console did not answer ${url} within ${timeoutMs / 1000} s`);
}

export type RunningConsole = { url: string; pid: number; stop(): Promise<void> };

/**
 * Runs the production build's standalone server (what `syncdeck console` and the image run) with the
 * given environment; resolves when it answers.
 */
export async function startConsole(opts: {
  port: number;
  env: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}): Promise<RunningConsole> {
  // Loopback unless SYNCDECK_HOST says otherwise: the demo's accounts have published passwords.
  const hostname = opts.env.SYNCDECK_HOST ?? "127.0.0.1";
  const child = spawn(process.execPath, [STANDALONE_SERVER], {
    cwd: ROOT,
    env: {
      ...opts.env,
      PORT: String(opts.port),
      HOSTNAME: hostname,
      SYNCDECK_MIGRATIONS_DIR: opts.env.SYNCDECK_MIGRATIONS_DIR ?? path.join(ROOT, "prisma/migrations"),
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = opts.log ?? ((line: string) => process.stdout.write(`[console] ${line}\n`));
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding("utf8");
    // the console logs JSON lines; people read "[console] 15:30:00 WARN message" here
    stream.on("data", (chunk: string) => chunk.split("\n").filter(Boolean).map(formatLogLine).forEach(log));
  }
  const url = `http://localhost:${opts.port}`;
  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(killer);
        resolve();
      });
      child.kill("SIGTERM");
    }));
  try {
    const probeHost = hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname;
    await waitForHttp(
      `http://${probeHost.includes(":") ? `[${probeHost}]` : probeHost}:${opts.port}/api/healthz`,
      child,
      60_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid!, stop };
}
