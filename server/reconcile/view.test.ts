import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./view";

describe("differences cursor", () => {
  it("round-trips the last (entity, id) of a page", () => {
    expect(decodeCursor(encodeCursor("claims", "c-1/x"))).toEqual({ entity: "claims", entityId: "c-1/x" });
  });

  it("refuses what it did not write", () => {
    expect(decodeCursor("not a cursor")).toBeNull();
    expect(decodeCursor(Buffer.from("[1,2]").toString("base64url"))).toBeNull();
  });
});
