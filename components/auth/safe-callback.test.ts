import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback";

describe("safeCallbackPath", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackPath("/lag?tenant=acme-health")).toBe("/lag?tenant=acme-health");
  });
  it("refuses other sites and odd forms", () => {
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", null]) {
      expect(safeCallbackPath(bad)).toBe("/health");
    }
  });
});
