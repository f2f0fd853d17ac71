import { describe, expect, it } from "vitest";
import { withTimeout } from "./with-timeout";

describe("withTimeout", () => {
  it("passes the value on when the work answers in time", async () => {
    await expect(withTimeout(Promise.resolve(42), 1_000, "the answer")).resolves.toBe(42);
  });

  it("rejects with what did not answer, and when", async () => {
    await expect(withTimeout(new Promise(() => undefined), 20, "Kafka")).rejects.toThrow(
      "Kafka did not answer within 20 ms",
    );
    await expect(withTimeout(new Promise(() => undefined), 1_000, "Connect")).rejects.toThrow(
      "Connect did not answer within 1 s",
    );
  });

  it("passes the work's own failure on", async () => {
    await expect(withTimeout(Promise.reject(new Error("refused")), 1_000, "x")).rejects.toThrow("refused");
  });
});
