import { describe, expect, it } from "vitest";
import { showPayload } from "./mask-payload";

const update = {
  entity: "member",
  data: {
    memberId: "M-1",
    firstName: "Ada",
    lastName: "Lovelace",
    dateOfBirth: "1990-12-10",
    addressLine: "1 Main St",
    city: "Springfield",
    postalCode: "62701",
  },
};

describe("showPayload", () => {
  it("masks names, date of birth and street wherever they are", () => {
    const shown = showPayload(Buffer.from(JSON.stringify({ after: update.data, ...update })), false);
    expect(shown.format).toBe("json");
    const value = (shown as { value: { data: Record<string, string>; after: Record<string, string> } }).value;
    for (const data of [value.data, value.after]) {
      expect(data).toMatchObject({
        memberId: "M-1",
        firstName: "A••",
        lastName: "L•••••••",
        dateOfBirth: "1990-••-••",
        city: "Springfield",
        postalCode: "627••",
      });
      expect(data.addressLine).not.toContain("Main");
    }
  });

  it("shows everything when unmasked, and withholds what it cannot parse", () => {
    expect(showPayload(Buffer.from(JSON.stringify(update)), true)).toEqual({ format: "json", value: update });
    expect(showPayload(Buffer.from("Ada Lovelace"), false).format).toBe("withheld");
    expect(showPayload(null, false).format).toBe("empty");
  });
});
