import { describe, expect, it } from "vitest";
import { MAX_PATH_PARAM_LENGTH, pathParamProblem, pathParamsProblem } from "./path-params";

describe("pathParamProblem", () => {
  it("lets slugs, ids, group names and unicode through", () => {
    for (const value of [
      "acme-health",
      "9223372036854775807",
      "00000000-0000-4000-8000-000000000000",
      "sync.acme-health.update-processor",
      "テナント",
      "💩",
      "a b",
      "x".repeat(MAX_PATH_PARAM_LENGTH),
    ]) {
      expect(pathParamProblem("slug", value), value).toBeNull();
    }
  });

  it("names the parameter that holds a NUL or another control character", () => {
    expect(pathParamProblem("slug", "acme-health\u0000")).toBe(
      'path parameter "slug" contains a control character (such as NUL)',
    );
    for (const value of ["\u0000", "a\nb", "\r", "\t", "\u001b[31m", "\u007f", "\u0085"]) {
      expect(pathParamProblem("groupId", value), JSON.stringify(value)).toMatch(
        /^path parameter "groupId" contains a control character/,
      );
    }
  });

  it("refuses over-long values and lone surrogates", () => {
    expect(pathParamProblem("id", "9".repeat(MAX_PATH_PARAM_LENGTH + 1))).toBe(
      `path parameter "id" is longer than ${MAX_PATH_PARAM_LENGTH} characters`,
    );
    expect(pathParamProblem("id", "a\ud800")).toMatch(/not valid UTF-8/);
    expect(pathParamProblem("id", "\udc00a")).toMatch(/not valid UTF-8/);
  });

  it("checks every segment of a catch-all parameter", () => {
    expect(pathParamProblem("nextauth", ["callback", "credentials"])).toBeNull();
    expect(pathParamProblem("nextauth", ["callback", "cred\u0000"])).toMatch(/control character/);
  });
});

describe("pathParamsProblem", () => {
  it("reports the first wrong parameter of a route", () => {
    expect(pathParamsProblem({ slug: "acme-health", memberId: "M1" })).toBeNull();
    expect(pathParamsProblem({ slug: "acme-health", memberId: "M1\u0000" })).toMatch(/"memberId"/);
    expect(pathParamsProblem(undefined)).toBeNull();
  });
});
