import { describe, expect, it } from "vitest";
import { displayZone, preferenceCookie, readTheme, readTimeChoice } from "./display-preferences";

describe("display preferences", () => {
  it("follows the system theme unless light or dark was chosen", () => {
    expect(readTheme(undefined)).toBe("system");
    expect(readTheme("dark")).toBe("dark");
    expect(readTheme("light")).toBe("light");
    expect(readTheme("purple")).toBe("system");
  });

  it("shows UTC unless local time was chosen and the browser's zone is known", () => {
    expect(readTimeChoice(undefined)).toBe("utc");
    expect(readTimeChoice("local")).toBe("local");
    expect(displayZone("utc", "Europe/Berlin")).toBe("UTC");
    expect(displayZone("local", "Europe/Berlin")).toBe("Europe/Berlin");
    expect(displayZone("local", undefined)).toBe("UTC");
    expect(displayZone("local", "Not/AZone")).toBe("UTC");
  });

  it("writes a site-wide cookie", () => {
    expect(preferenceCookie("syncdeck-zone", "America/Los_Angeles")).toBe(
      "syncdeck-zone=America%2FLos_Angeles; path=/; max-age=31536000; samesite=lax",
    );
  });
});
