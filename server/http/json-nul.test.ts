import { describe, expect, it } from "vitest";
import { nulPath } from "./json-nul";

describe("nulPath", () => {
  it("finds no NUL in ordinary bodies", () => {
    for (const body of [{}, [], null, 1, true, "text", { a: ["x", { b: "y" }] }, { name: "テナント 💩" }])
      expect(nulPath(body)).toBeNull();
  });

  it("names the field, array element or key that carries a NUL", () => {
    expect(nulPath("a\u0000")).toBe("body");
    expect(nulPath({ reason: "ok", name: "a\u0000b" })).toBe("name");
    expect(nulPath({ selection: { ids: ["1", "2\u0000"] } })).toBe("selection.ids.1");
    expect(nulPath({ "ke\u0000y": 1 })).toBe("ke\\0y");
    expect(nulPath(JSON.parse('{"contacts":[{"email":"\\u0000"}]}'))).toBe("contacts.0.email");
  });

  it("walks bodies nested deeper than the call stack", () => {
    const depth = 200_000;
    expect(nulPath(JSON.parse("[".repeat(depth) + "]".repeat(depth)))).toBeNull();
    expect(nulPath(JSON.parse("[".repeat(depth) + '"\\u0000"' + "]".repeat(depth)))).toMatch(/^0\.0\./);
  }, 60_000); // 400,000 levels of JSON: seconds on a busy 2-core machine
});
