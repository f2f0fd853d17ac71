import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { retryDelayMs, signature } from "./webhook-delivery";

describe("webhook retries and signature", () => {
  it("doubles the delay from 5 s and caps it at 10 min", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(retryDelayMs(20)).toBe(600_000);
  });

  it("signs the exact body with HMAC-SHA256", () => {
    const body = '{"status":"firing"}';
    expect(signature(body, "s3cret")).toBe(`sha256=${createHmac("sha256", "s3cret").update(body).digest("hex")}`);
    expect(signature(body + " ", "s3cret")).not.toBe(signature(body, "s3cret"));
  });
});
