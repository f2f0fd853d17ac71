import { describe, expect, it } from "vitest";
import { chooseRequestId } from "./request-id";

const generated = () => "generated-id";

describe("chooseRequestId", () => {
  it("generates the id when the request did not come through a trusted proxy", () => {
    expect(chooseRequestId("0f0e2c1a-client-chosen", false, generated)).toBe("generated-id");
    expect(chooseRequestId(null, false, generated)).toBe("generated-id");
  });

  it("keeps a trusted proxy's id when it has the expected shape", () => {
    expect(chooseRequestId("4f1c0b9e7d3a4c2b9a8e6f5d4c3b2a10", true, generated)).toBe(
      "4f1c0b9e7d3a4c2b9a8e6f5d4c3b2a10",
    );
    expect(chooseRequestId("3e2a1c5e-8a1b-4c7e-9f00-123456789abc", true, generated)).toBe(
      "3e2a1c5e-8a1b-4c7e-9f00-123456789abc",
    );
  });

  it("replaces a trusted proxy's id that is too short, too long or carries other characters", () => {
    for (const bad of [
      "",
      "short",
      "x".repeat(65),
      '=HYPERLINK("http://e")',
      "-1234567890",
      "id with spaces",
      "id\u0000nul-byte",
      "ünïcode-12345",
    ]) {
      expect(chooseRequestId(bad, true, generated)).toBe("generated-id");
    }
  });

  it("makes a fresh UUID by default", () => {
    expect(chooseRequestId(undefined, false)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
