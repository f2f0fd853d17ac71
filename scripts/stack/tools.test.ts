import { describe, expect, it } from "vitest";
import { parseJavaMajor } from "./tools";

describe("parseJavaMajor", () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)', 17],
    ['openjdk version "25" 2025-09-16', 25],
    ['java version "1.8.0_392"', 8],
    ['openjdk version "11.0.2" 2019-01-15', 11],
  ])("reads the major version from %j", (output, major) => {
    expect(parseJavaMajor(output)).toBe(major);
  });

  it("returns undefined for output it does not recognise", () => {
    expect(parseJavaMajor("bash: java: command not found")).toBeUndefined();
  });
});
