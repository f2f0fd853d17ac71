import { describe, expect, it } from "vitest";
import { kafkaLogCreator } from "@/lib/kafka/log-creator";
import { logLevel } from "kafkajs";
import { createLogger, LOG_LEVELS, parseLogLevel, type LogBindings } from "./logger";

function capture(bindings: LogBindings, env: Record<string, string | undefined> = {}) {
  const lines: string[] = [];
  const logger = createLogger(bindings, { env, destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("parseLogLevel", () => {
  it("is info when LOG_LEVEL is unset or empty", () => {
    expect(parseLogLevel(undefined)).toBe("info");
    expect(parseLogLevel("  ")).toBe("info");
  });

  it("accepts trace … fatal in any casing", () => {
    for (const level of LOG_LEVELS) expect(parseLogLevel(` ${level.toUpperCase()} `)).toBe(level);
  });

  it("refuses anything else with the allowed values named", () => {
    expect(() => parseLogLevel("verbose")).toThrow(
      'LOG_LEVEL must be one of trace, debug, info, warn, error, fatal; got "verbose"',
    );
    expect(() => createLogger({ component: "worker" }, { env: { LOG_LEVEL: "3" } })).toThrow(
      /LOG_LEVEL must be one of/,
    );
  });
});

describe("createLogger", () => {
  it("writes one JSON object per line with level as a word, ISO time, component and bindings", () => {
    const { logger, lines, entries } = capture({ component: "processor", tenant: "acme", stage: "cdc-processor" });
    logger.info("running");
    logger.child({ requestId: "r-1" }).warn({ lagSeconds: 12 }, "slow");
    expect(lines.every((l) => l.endsWith("\n") && !l.slice(0, -1).includes("\n"))).toBe(true);
    const [first, second] = entries();
    expect(first).toMatchObject({
      level: "info",
      component: "processor",
      tenant: "acme",
      stage: "cdc-processor",
      msg: "running",
    });
    expect(new Date(first!.time as string).toISOString()).toBe(first!.time);
    expect(second).toMatchObject({
      level: "warn",
      component: "processor",
      requestId: "r-1",
      lagSeconds: 12,
      msg: "slow",
    });
  });

  it("writes only what LOG_LEVEL lets through", () => {
    const { logger, entries } = capture({ component: "worker" }, { LOG_LEVEL: "warn" });
    logger.debug("d");
    logger.info("i");
    logger.warn("w");
    logger.error("e");
    expect(entries().map((e) => e.msg)).toEqual(["w", "e"]);
    const verbose = capture({ component: "worker" }, { LOG_LEVEL: "trace" });
    verbose.logger.trace("t");
    expect(verbose.entries()).toMatchObject([{ level: "trace", msg: "t" }]);
  });

  it("never writes the process's secrets, credentials, URL passwords or health data, wherever they are", () => {
    const env = {
      DATABASE_URL: "postgres://syncdeck:db-secret-991@localhost/syncdeck",
      KAFKA_SASL_PASSWORD: "sasl-marker-7f3a",
    };
    const { logger, lines, entries } = capture({ component: "agent" }, env);
    logger.info(`connecting with ${env.DATABASE_URL} and sasl-marker-7f3a`);
    logger.error(
      { err: new Error(`failed: ${env.DATABASE_URL}`), headers: { authorization: "Bearer abc.def" } },
      "request failed",
    );
    logger.info({ record: { member_id: "M1", first_name: "Ada", date_of_birth: "1815-12-10" } }, "applied");
    logger.child({ requestId: "sasl-marker-7f3a" }).info("child");
    const text = lines.join("");
    for (const secret of ["db-secret-991", "sasl-marker-7f3a", "Bearer abc.def", "Ada", "1815-12-10"])
      expect(text).not.toContain(secret);
    const [connecting, failed, applied] = entries();
    expect(connecting!.msg).toBe("connecting with postgres://syncdeck:***@localhost/syncdeck and ***");
    expect(failed).toMatchObject({
      level: "error",
      msg: "request failed",
      err: { type: "Error", message: "failed: postgres://syncdeck:***@localhost/syncdeck" },
      headers: { authorization: "[redacted]" },
    });
    expect(applied).toMatchObject({
      record: { member_id: "M1", first_name: "[redacted]", date_of_birth: "[redacted]" },
    });
  });
});

describe("kafkaLogCreator", () => {
  it("writes kafkajs' entries as lines of the process log, at kafkajs' level, with its fields under kafka", () => {
    const { logger, entries } = capture({ component: "worker" });
    const write = kafkaLogCreator(logger)(logLevel.INFO);
    write({
      namespace: "Connection",
      level: logLevel.ERROR,
      label: "ERROR",
      log: {
        timestamp: "t",
        message: "Connection error: ECONNREFUSED",
        broker: "localhost:9092",
        clientId: "syncdeck",
      },
    });
    write({
      namespace: "ConsumerGroup",
      level: logLevel.WARN,
      label: "WARN",
      log: { timestamp: "t", message: "rebalancing", groupId: "g" },
    });
    expect(entries()).toMatchObject([
      {
        level: "error",
        component: "worker",
        lib: "kafkajs",
        msg: "Connection error: ECONNREFUSED",
        kafka: { namespace: "Connection", broker: "localhost:9092", clientId: "syncdeck" },
      },
      { level: "warn", msg: "rebalancing", kafka: { namespace: "ConsumerGroup", groupId: "g" } },
    ]);
  });
  it("writes a broker's error answer to one request as a warning: the caller handles it and logs its own failure", () => {
    const { logger, entries } = capture({ component: "worker" });
    const write = kafkaLogCreator(logger)(logLevel.INFO);
    const response = "Response Fetch(key: 1, version: 11)";
    write({
      namespace: "Connection",
      level: logLevel.ERROR,
      label: "ERROR",
      log: { timestamp: "t", message: response, error: "This server does not host this topic-partition" },
    });
    write({
      namespace: "Runner",
      level: logLevel.ERROR,
      label: "ERROR",
      log: { timestamp: "t", message: "Response Fetch failed after retries" },
    });
    expect(entries()).toMatchObject([
      { level: "warn", msg: response, kafka: { error: "This server does not host this topic-partition" } },
      { level: "error", kafka: { namespace: "Runner" } },
    ]);
  });
});
