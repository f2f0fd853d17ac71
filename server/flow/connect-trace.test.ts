import { describe, expect, it } from "vitest";
import { summarizeTrace, traceHeadline } from "./connect-trace";

const TRACE = `org.apache.kafka.connect.errors.ConnectException: An exception occurred in the change event producer. This connector will be stopped.
\tat io.debezium.pipeline.ErrorHandler.setProducerThrowable(ErrorHandler.java:67)
\tat io.debezium.connector.postgresql.PostgresStreamingChangeEventSource.execute(PostgresStreamingChangeEventSource.java:180)
Caused by: io.debezium.DebeziumException: Creation of replication slot failed
\tat io.debezium.connector.postgresql.PostgresConnectorTask.start(PostgresConnectorTask.java:120)
Caused by: org.postgresql.util.PSQLException: FATAL: password authentication failed for user "sync"
\t... 12 more`;

describe("summarizeTrace", () => {
  it("reads the exception, its message and the root cause", () => {
    expect(summarizeTrace(TRACE)).toEqual({
      exception: "org.apache.kafka.connect.errors.ConnectException",
      message: "An exception occurred in the change event producer. This connector will be stopped.",
      rootCause: 'org.postgresql.util.PSQLException: FATAL: password authentication failed for user "sync"',
      frames: 3,
    });
    expect(traceHeadline(TRACE)).toBe(
      'org.postgresql.util.PSQLException: FATAL: password authentication failed for user "sync"',
    );
  });

  it("copes with no trace and with a trace that is not a Java stack", () => {
    expect(summarizeTrace(undefined)).toBeNull();
    expect(summarizeTrace("  ")).toBeNull();
    expect(summarizeTrace("Tasks failed to start")).toMatchObject({
      exception: "Tasks failed to start",
      message: "",
      rootCause: null,
    });
    expect(traceHeadline("java.lang.IllegalStateException")).toBe("java.lang.IllegalStateException");
  });
});
