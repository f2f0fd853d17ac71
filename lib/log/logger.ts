/**
 * Structured logs of every long-running SyncDeck process (console, workers, agent, processors): one
 * JSON object per line on stdout, e.g.
 *
 *   {"level":"info","time":"2026-12-04T15:30:00.000Z","pid":42,"component":"processor","tenant":"acme","stage":"cdc-processor","msg":"running as …"}
 *
 * `level` is a word, `time` ISO 8601, `component` the kind of process (plus tenant/stage for
 * processors, requestId for API requests). Every line goes through ./redact.ts first. LOG_LEVEL
 * (trace, debug, info, warn, error, fatal; default info) sets what is written. Used by the console,
 * the CLI and the processors, so no `server-only` here. One-shot CLI commands keep their human output.
 */
import pino, { type DestinationStream, type Logger } from "pino";
import { maskSecretValues, maskUrlPasswords, redactFields, secretValuesOf } from "./redact";

export type { Logger } from "pino";

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type Component = "console" | "worker" | "agent" | "processor" | "cli";
export type LogBindings = { component: Component } & Record<string, string | number | boolean | undefined>;

/** LOG_LEVEL's value → a level; unset or empty → info; anything else is an error that says what is allowed. */
export function parseLogLevel(value: string | undefined): LogLevel {
  const level = (value ?? "").trim().toLowerCase();
  if (level === "") return "info";
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}; got ${JSON.stringify(value)}`);
}

export type LoggerOptions = {
  env?: Readonly<Record<string, string | undefined>>;
  /** where lines go; default stdout, written synchronously so nothing is lost on process.exit */
  destination?: DestinationStream;
};

export function createLogger(bindings: LogBindings, options: LoggerOptions = {}): Logger {
  const env = options.env ?? process.env;
  const level = parseLogLevel(env.LOG_LEVEL);
  const secrets = secretValuesOf(env);
  return pino(
    {
      level,
      base: { pid: process.pid, ...bindings },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (b) => redactFields(b) as Record<string, unknown>,
        // Errors included: redactFields turns them into { type, message, stack, …fields }, masked.
        log: (object) => redactFields(object) as Record<string, unknown>,
      },
      serializers: { err: (value: unknown) => value },
      // The last word on every line: messages are free text (and pino does not pass a child's
      // bindings through the formatters), so URL passwords and the secrets this process was given
      // are masked in the serialized line itself.
      hooks: { streamWrite: (line) => maskSecretValues(maskUrlPasswords(line), secrets) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

// On globalThis: Next.js may load this module more than once in one server process.
const holder = globalThis as typeof globalThis & { __syncdeckLogger?: Logger };

/**
 * The logger of this process, set once by its entry point (`syncdeck worker`, `syncdeck agent`, a
 * processor, the console's instrumentation). Code shared by several kinds of process (kafkajs
 * clients, API routes, workers) logs through it. Before an entry point sets one: a console logger.
 */
export function processLogger(): Logger {
  holder.__syncdeckLogger ??= createLogger({ component: "console" });
  return holder.__syncdeckLogger;
}

export function setProcessLogger(logger: Logger): Logger {
  holder.__syncdeckLogger = logger;
  return logger;
}

/** An error as a log field: `log.error({ err: errorField(e) }, "…")` works for thrown non-Errors too. */
export function errorField(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
