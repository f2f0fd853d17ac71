import { describe, expect, it } from "vitest";
import { assertTenantSlug, isTenantSlug, tenantSlugSchema } from "./tenant-slug";

describe("tenant slug", () => {
  it("accepts 3-40 lowercase letters, digits and dashes starting with a letter", () => {
    for (const slug of ["abc", "acme-health", "a1-b2", "a".repeat(40)]) expect(isTenantSlug(slug)).toBe(true);
  });

  it("refuses short, long, upper-case, digit-first and dash-ended slugs", () => {
    for (const slug of ["ab", "a".repeat(41), "Acme", "1acme", "acme-", "ac.me", "ac_me", ""])
      expect(isTenantSlug(slug)).toBe(false);
    expect(() => assertTenantSlug("Acme")).toThrow(/tenant slug "Acme"/);
  });

  it("gives a boundary schema with the field's message", () => {
    expect(tenantSlugSchema().safeParse("acme").success).toBe(true);
    expect(tenantSlugSchema("slug is wrong").safeParse("A").error?.issues[0]?.message).toBe("slug is wrong");
  });
});
