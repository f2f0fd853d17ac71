import { describe, expect, it } from "vitest";
import { wrapFocus } from "./dialog-focus";

describe("wrapFocus", () => {
  const items = ["close", "name", "save"];

  it("wraps Tab from the last element to the first and Shift+Tab from the first to the last", () => {
    expect(wrapFocus(items, "save", false)).toBe("close");
    expect(wrapFocus(items, "close", true)).toBe("save");
  });

  it("leaves moves inside the dialog to the browser", () => {
    expect(wrapFocus(items, "name", false)).toBeNull();
    expect(wrapFocus(items, "name", true)).toBeNull();
  });

  it("brings focus that is outside back in", () => {
    expect(wrapFocus(items, null, false)).toBe("close");
    expect(wrapFocus(items, "elsewhere", true)).toBe("save");
    expect(wrapFocus([], "save", false)).toBeNull();
  });
});
