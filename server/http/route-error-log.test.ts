import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { createLogger, processLogger, setProcessLogger } from "@/lib/log/logger";
import { errorResponse } from "./route";

const previous = processLogger();
afterEach(() => void setProcessLogger(previous));

function captureProcessLog() {
  const lines: string[] = [];
  setProcessLogger(
    createLogger(
      { component: "console" },
      { env: {}, destination: { write: (line: string) => void lines.push(line) } },
    ),
  );
  return () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("errorResponse's log", () => {
  it("logs an unexpected error as one JSON line with the request id, the error masked, and answers a generic 500", async () => {
    const entries = captureProcessLog();
    const response = errorResponse(new Error("connect failed: postgres://syncdeck:pw-8814@db:5432/syncdeck"), "req-42");
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { code: "INTERNAL" }, requestId: "req-42" });
    expect(entries()).toEqual([
      expect.objectContaining({
        level: "error",
        component: "console",
        requestId: "req-42",
        msg: "request req-42 failed",
        err: expect.objectContaining({
          type: "Error",
          message: "connect failed: postgres://syncdeck:***@db:5432/syncdeck",
        }),
      }),
    ]);
  });

  it("does not log the errors it answers with their own status", () => {
    const entries = captureProcessLog();
    expect(errorResponse(new AppError("NOT_FOUND", "no such tenant"), "req-43").status).toBe(404);
    expect(entries()).toEqual([]);
  });
});
