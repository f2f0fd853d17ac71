/**
 * Long-running child processes of the local stack (the Kafka broker and Connect JVMs): spawned so
 * they cannot outlive us, stopped gracefully.
 *
 * Why no orphans, in order of strength:
 * 1. On Linux the child is started through `setpriv --pdeathsig SIGTERM` (util-linux, present on
 *    every Debian/Ubuntu): the kernel sends the JVM SIGTERM the moment the Node process dies, for
 *    whatever reason — SIGINT, SIGTERM, an uncaught error, even SIGKILL. SIGTERM runs the JVM's
 *    shutdown hooks, so Kafka still shuts down cleanly. No watchdog process, no polling, and no
 *    signal handlers installed in the parent (they would change how the parent's own signals behave).
 * 2. On Node's `exit` event (normal end, `process.exit`) every live child is sent SIGTERM: this is
 *    the whole story where setpriv is missing (macOS).
 * 3. The child's pid is written to a pid file in its data folder; the next start on that folder stops
 *    a survivor first (`stopStaleProcess`), so even an orphan on macOS does not block a restart.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";

export interface ManagedProcess {
  pid: number;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  exited: Promise<string>;
  hasExited(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. Idempotent. */
  stop(graceMs: number): Promise<void>;
}

export interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** stdout and stderr are appended here (a file, not a pipe: nothing to drain, and no pipe that breaks when we die). */
  outputFile: string;
}

const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

export function spawnManaged(command: string, args: string[], options: SpawnOptions): ManagedProcess {
  const [file, fileArgs] = withParentDeathSignal(command, args);
  const out = fs.openSync(options.outputFile, "a");
  let child: ChildProcess;
  try {
    child = spawn(file, fileArgs, { cwd: options.cwd, env: options.env, stdio: ["ignore", out, out] });
  } finally {
    fs.closeSync(out); // the child holds its own copy of the descriptor
  }
  if (child.pid === undefined) {
    child.once("error", () => {}); // reported by the throw below; unhandled it would crash the process
    throw new Error(`could not start ${command}`);
  }
  installExitHook();
  liveChildren.add(child);

  let exitedFlag = false;
  const exited = new Promise<string>((resolve) => {
    const done = (how: string) => {
      exitedFlag = true;
      liveChildren.delete(child);
      resolve(how);
    };
    child.once("exit", (code, signal) => done(signal ?? `exit code ${code}`));
    child.once("error", (error) => done(`spawn error: ${error.message}`));
  });

  let stopping: Promise<void> | undefined;
  const stop = (graceMs: number) =>
    (stopping ??= (async () => {
      if (exitedFlag) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    })());

  return { pid: child.pid, exited, hasExited: () => exitedFlag, stop };
}

let setprivAvailable: boolean | undefined;

/** Wraps the command in `setpriv --pdeathsig SIGTERM` where that exists (see the file comment). */
function withParentDeathSignal(command: string, args: string[]): [string, string[]] {
  if (process.platform !== "linux") return [command, args];
  setprivAvailable ??= spawnSync("setpriv", ["--help"], { stdio: "ignore" }).status === 0;
  // setpriv execs the command: same pid, and the death signal survives exec.
  return setprivAvailable ? ["setpriv", ["--pdeathsig", "SIGTERM", "--", command, ...args]] : [command, args];
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const child of liveChildren) child.kill("SIGTERM");
  });
}

/**
 * Stops a process left behind by an earlier run (its parent was SIGKILLed where pdeathsig is not
 * available), identified by the pid file *and* a marker in its command line, so a pid the OS has
 * since given to an unrelated program is never touched.
 */
export async function stopStaleProcess(pidFile: string, commandLineMarker: string, graceMs: number): Promise<void> {
  const pid = Number(readFileOrEmpty(pidFile).trim());
  if (!Number.isInteger(pid) || pid <= 0) return;
  if (commandLineOf(pid)?.includes(commandLineMarker)) {
    signal(pid, "SIGTERM");
    const deadline = Date.now() + graceMs;
    while (isAlive(pid) && Date.now() < deadline) await sleep(200);
    if (isAlive(pid)) signal(pid, "SIGKILL");
    while (isAlive(pid)) await sleep(50);
  }
  fs.rmSync(pidFile, { force: true });
}

function commandLineOf(pid: number): string | undefined {
  if (!isAlive(pid)) return undefined;
  if (process.platform === "linux") return readFileOrEmpty(`/proc/${pid}/cmdline`).replaceAll("\0", " ");
  const ps = spawnSync("ps", ["-o", "command=", "-p", String(pid)], { encoding: "utf8" });
  return ps.status === 0 ? ps.stdout : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

function readFileOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** The last `count` non-empty lines of a (log) file, for error messages; reads only the file's end. */
export function tailLines(file: string, count: number): string[] {
  return nonEmptyLines(readFileEnd(file, 0, 64 * 1024)).slice(-count);
}

export function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * The ERROR/FATAL lines a log4j log got since byte `offset` (this run's part), each with the line
 * after it when that is the exception's message rather than a stack frame: the cause of a failed
 * start, which the shutdown chatter that follows it would otherwise bury.
 */
export function logErrorsSince(file: string, offset: number, maxLines = 12): string[] {
  const lines = nonEmptyLines(readFileEnd(file, offset, 2 * 1024 * 1024));
  const picked: string[] = [];
  lines.forEach((line, i) => {
    if (!/^\[[^\]]+\] (ERROR|FATAL) /.test(line)) return;
    picked.push(line);
    const next = lines[i + 1];
    if (next && !next.startsWith("[") && !/^\s+at /.test(next)) picked.push(`    ${next.trim()}`);
  });
  return picked.slice(0, maxLines);
}

/** Up to `maxBytes` from the end of the file, never before `offset`. */
function readFileEnd(file: string, offset: number, maxBytes: number): string {
  try {
    const fd = fs.openSync(file, "r");
    try {
      const size = fs.fstatSync(fd).size;
      const start = Math.max(offset <= size ? offset : 0, size - maxBytes);
      const buffer = Buffer.alloc(size - start);
      fs.readSync(fd, buffer, 0, buffer.length, start);
      return buffer.toString("utf8");
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return "";
  }
}

const nonEmptyLines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs a short-lived command to completion (asynchronously: other services may be starting in parallel). */
export function runToCompletion(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: options.timeoutMs,
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output }));
  });
}
