/**
 * What the Kafka broker and the Connect worker have in common: a JVM started from a folder of
 * Maven jars, configured by files written into its data folder, logging to a file there, ready
 * when a probe says so, and reporting a failed start with the log lines that explain it.
 *
 * Files in dataDir for a service called `<name>`:
 *   <name>.properties   its config, rewritten on every start (ports may change)
 *   log4j2.properties   logging config; the service logs to <name>.log (rolled at 10 MB × 3)
 *   <name>.out          the JVM's own stdout/stderr (crashes before logging is up land here)
 *   <name>.pid          lets the next start stop an orphan (see ./process.ts)
 */
import fs from "node:fs";
import path from "node:path";
import {
  fileSize,
  logErrorsSince,
  sleep,
  spawnManaged,
  stopStaleProcess,
  tailLines,
  type ManagedProcess,
} from "./process";

export const STOP_GRACE_MS = 20_000;

export type ServiceFiles = ReturnType<typeof serviceFiles>;

export function serviceFiles(dataDir: string, name: string) {
  const dir = path.resolve(dataDir);
  return {
    dir,
    properties: path.join(dir, `${name}.properties`),
    log4j: path.join(dir, "log4j2.properties"),
    log: path.join(dir, `${name}.log`),
    stdout: path.join(dir, `${name}.out`),
    pid: path.join(dir, `${name}.pid`),
  };
}

/**
 * Bounded heap: two JVMs (broker, Connect), Next.js and Postgres share a laptop. The G1 pause
 * settings are those of Kafka's kafka-run-class.sh; its GC log (-Xlog:gc*) is deliberately not
 * enabled. A JVM that ran out of heap exits instead of limping on.
 */
export function jvmOptions(heap: { min: string; max: string }, files: ServiceFiles): string[] {
  return [
    `-Xms${heap.min}`,
    `-Xmx${heap.max}`,
    "-XX:+UseG1GC",
    "-XX:MaxGCPauseMillis=20",
    "-XX:InitiatingHeapOccupancyPercent=35",
    "-XX:+ExplicitGCInvokesConcurrent",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djava.awt.headless=true",
    `-Dlog4j2.configurationFile=${files.log4j}`,
    // Kafka's and Connect's shutdown hooks log the shutdown; log4j's own hook would close the file first.
    "-Dlog4j2.shutdownHookEnabled=false",
  ];
}

/** A log4j2 config that writes everything at INFO to the service's log file, except `quiet` loggers (WARN). */
export function log4jProperties(logFile: string, quiet: string[]): string {
  const lines = [
    "# Written by scripts/stack on every start.",
    "status = warn",
    "appender.file.type = RollingFile",
    "appender.file.name = file",
    `appender.file.fileName = ${logFile}`,
    `appender.file.filePattern = ${logFile}.%i`,
    "appender.file.layout.type = PatternLayout",
    "appender.file.layout.pattern = [%d] %p %m (%c)%n",
    "appender.file.policies.type = Policies",
    "appender.file.policies.size.type = SizeBasedTriggeringPolicy",
    "appender.file.policies.size.size = 10MB",
    "appender.file.strategy.type = DefaultRolloverStrategy",
    "appender.file.strategy.max = 3",
    "rootLogger.level = INFO",
    "rootLogger.appenderRef.file.ref = file",
    ...quiet.flatMap((logger, i) => [`logger.quiet${i}.name = ${logger}`, `logger.quiet${i}.level = WARN`]),
  ];
  return `${lines.join("\n")}\n`;
}

export interface LaunchedJvm {
  process: ManagedProcess;
  /** Byte offset of this run's first line in the log, for error reports. */
  logOffset: number;
  /** Stops the JVM (SIGTERM, SIGKILL after STOP_GRACE_MS) and removes its pid file. Idempotent. */
  stop(): Promise<void>;
}

/** Stops an orphan of an earlier run on the same data folder, then starts `mainClass`. */
export async function launchJvm(p: {
  files: ServiceFiles;
  classpath: string;
  options: string[];
  mainClass: string;
  args: string[];
}): Promise<LaunchedJvm> {
  // The orphan is recognised by its config file's path on its command line.
  await stopStaleProcess(p.files.pid, p.files.properties, STOP_GRACE_MS);
  fs.writeFileSync(p.files.stdout, ""); // only this run's JVM output, for error messages
  const logOffset = fileSize(p.files.log);
  const jvm = spawnManaged("java", [...p.options, "-cp", p.classpath, p.mainClass, ...p.args], {
    cwd: p.files.dir,
    outputFile: p.files.stdout,
  });
  fs.writeFileSync(p.files.pid, String(jvm.pid));
  const stop = async () => {
    await jvm.stop(STOP_GRACE_MS);
    fs.rmSync(p.files.pid, { force: true });
  };
  return { process: jvm, logOffset, stop };
}

/**
 * Polls `probe` until it returns true. Throws — with the log lines that explain it — when the
 * JVM exits first or `timeoutMs` passes. The JVM is left to the caller to stop.
 */
export async function waitUntilReady(p: {
  name: string;
  jvm: LaunchedJvm;
  files: ServiceFiles;
  timeoutMs: number;
  intervalMs: number;
  probe: () => Promise<boolean>;
}): Promise<void> {
  const deadline = Date.now() + p.timeoutMs;
  while (Date.now() < deadline) {
    if (p.jvm.process.hasExited())
      throw startupError(
        `${p.name} exited (${await p.jvm.process.exited}) before it was ready`,
        p.files,
        p.jvm.logOffset,
      );
    if (await p.probe()) return;
    await Promise.race([sleep(p.intervalMs), p.jvm.process.exited]);
  }
  throw startupError(`${p.name} was not ready within ${p.timeoutMs / 1000} s`, p.files, p.jvm.logOffset);
}

export function startupError(summary: string, files: ServiceFiles, logOffset: number): Error {
  const sections: Array<[string, string[]]> = [
    [`errors in ${files.log}`, logErrorsSince(files.log, logOffset)],
    [`last lines of ${files.log}`, tailLines(files.log, 8)],
    [`JVM output (${files.stdout})`, tailLines(files.stdout, 15)],
  ];
  const details = sections
    .filter(([, lines]) => lines.length > 0)
    .map(([title, lines]) => `--- ${title} ---\n${lines.join("\n")}`)
    .join("\n");
  return new Error(details ? `${summary}.\n${details}` : `${summary}; it wrote no log (see ${files.dir}).`);
}

export const secondsSince = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
