import { describe, expect, it } from "vitest";
import { maskAddress, maskDateOfBirth, maskEmail, maskName, maskStreet, maskTrailing } from "./masking";

describe("maskName", () => {
  it("keeps the first letter of each word", () => {
    expect(maskName("John Smith")).toBe("J••• S••••");
    expect(maskName("  Mary-Jane O'Neil ")).toBe("M•••-J••• O'N•••");
    expect(maskName("Zoë Ångström")).toBe("Z•• Å•••••••");
  });

  it("passes null through", () => {
    expect(maskName(null)).toBeNull();
    expect(maskName(undefined)).toBeNull();
  });
});

describe("maskDateOfBirth", () => {
  it("keeps only the year", () => {
    expect(maskDateOfBirth("1984-03-17")).toBe("1984-••-••");
    expect(maskDateOfBirth(new Date("1990-12-31T00:00:00Z"))).toBe("1990-••-••");
  });

  it("hides an unparseable value entirely", () => {
    expect(maskDateOfBirth("17/03/1984")).toBe("••••••••••");
  });
});

describe("maskAddress and maskStreet", () => {
  it("hides street lines and keeps a three-digit postal prefix", () => {
    expect(
      maskAddress({ line1: "12 Elm St", line2: "Apt 4", city: "Springfield", state: "IL", postalCode: "62704" }),
    ).toEqual({
      line1: "••••••",
      line2: "••••••",
      city: "Springfield",
      state: "IL",
      postalCode: "627••",
    });
    expect(maskAddress({ line1: "1 Main", city: "X", state: "Y", postalCode: "10" })?.postalCode).toBe("10");
  });

  it("masks every letter and digit of a free-text street", () => {
    expect(maskStreet("12 Elm St.")).toBe("•• ••• ••.");
  });
});

describe("maskEmail and maskTrailing", () => {
  it("keeps the first character and the domain of an email", () => {
    expect(maskEmail("john.smith@example.com")).toBe("j•••@example.com");
    expect(maskEmail("nonsense")).toBe("••••••••");
  });

  it("keeps the last four digits of long numbers and less of short ones", () => {
    expect(maskTrailing("+1 (555) 123-4567")).toBe("•••••••4567");
    expect(maskTrailing("123-45-6789")).toBe("•••••6789");
    expect(maskTrailing("12345")).toBe("•••45");
  });
});
