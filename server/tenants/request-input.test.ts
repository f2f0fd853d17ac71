import { describe, expect, it } from "vitest";
import { offboardInput, settingsInput, tenantRequestInput } from "./request-input";

const valid = {
  name: "Initech Health",
  slug: "initech-health",
  contacts: [{ name: "Pat", email: "pat@initech.test" }],
  source: { kind: "managed" },
  expectedDailyChanges: 500_000,
  peakChangesPerSecond: 400,
  entities: ["members", "claims"],
  environment: "local",
};

const messageOf = (input: unknown) => {
  const result = tenantRequestInput.safeParse(input);
  return result.success ? "ok" : result.error.issues.map((i) => i.message).join("; ");
};

describe("tenantRequestInput", () => {
  it("accepts a complete request", () => {
    expect(messageOf(valid)).toBe("ok");
    expect(
      messageOf({
        ...valid,
        source: {
          kind: "external",
          host: "db.initech.test",
          port: 5432,
          database: "claims",
          user: "cdc",
          passwordSecret: "INITECH",
        },
      }),
    ).toBe("ok");
    // the secret is assigned by an admin, so a request usually leaves it out
    expect(
      messageOf({
        ...valid,
        source: { kind: "external", host: "db.initech.test", port: 5432, database: "claims", user: "cdc" },
      }),
    ).toBe("ok");
  });

  it("refuses a secret name that is another secret's setting", () => {
    const source = { kind: "external", host: "h", port: 5432, database: "d", user: "u" };
    for (const passwordSecret of ["ACME_HOSTS", "ACME_SSLMODE", "ACME_SSLROOTCERT"]) {
      expect(messageOf({ ...valid, source: { ...source, passwordSecret } })).toBe(
        "password secret must not end with _HOSTS, _SSLMODE, _SSLROOTCERT",
      );
    }
  });

  it("says what is wrong with a slug", () => {
    for (const slug of ["ab", "Initech", "1initech", "initech-", "ini_tech", "a".repeat(41)]) {
      expect(messageOf({ ...valid, slug })).toContain("slug must be 3-40 lowercase letters");
    }
  });

  it("refuses slugs that name a page or a processor pool", () => {
    expect(messageOf({ ...valid, slug: "requests" })).toBe("slug: this name is reserved");
    expect(messageOf({ ...valid, slug: "pool-small" })).toBe('slug: "pool-" starts the names of processor pools');
  });

  it("requires a contact with an email address", () => {
    expect(messageOf({ ...valid, contacts: [] })).toBe("at least one contact is required");
    expect(messageOf({ ...valid, contacts: [{ name: "Pat", email: "pat" }] })).toBe(
      "contact email is not an email address",
    );
  });

  it("refuses a password in the source and an unknown source kind", () => {
    expect(
      messageOf({
        ...valid,
        source: {
          kind: "external",
          host: "h",
          port: 5432,
          database: "d",
          user: "u",
          passwordSecret: "X1",
          password: "hunter2",
        },
      }),
    ).toContain("password");
    expect(messageOf({ ...valid, source: { kind: "oracle" } })).toBe('source.kind must be "managed" or "external"');
    expect(
      messageOf({
        ...valid,
        source: { kind: "external", host: "h;rm", port: 5432, database: "d", user: "u", passwordSecret: "X1" },
      }),
    ).toContain("host name");
  });

  it("refuses unknown entities, duplicates, negative volumes and unknown fields", () => {
    expect(messageOf({ ...valid, entities: ["members", "pharmacies"] })).toContain("entities are members, claims");
    expect(messageOf({ ...valid, entities: ["members", "members"] })).toBe("an entity is listed twice");
    expect(messageOf({ ...valid, entities: [] })).toBe("choose at least one entity to sync");
    expect(messageOf({ ...valid, peakChangesPerSecond: -1 })).not.toBe("ok");
    expect(messageOf({ ...valid, status: "ACTIVE" })).not.toBe("ok");
  });

  it("refuses NUL characters and blank names", () => {
    expect(messageOf({ ...valid, name: "Ini\u0000tech" })).toBe("org name contains a NUL character");
    expect(messageOf({ ...valid, name: "   " })).toBe("org name is required");
  });
});

describe("settings and offboarding input", () => {
  it("needs at least one setting, within bounds", () => {
    expect(settingsInput.safeParse({}).success).toBe(false);
    expect(settingsInput.safeParse({ lagSloSeconds: 30 }).success).toBe(true);
    expect(settingsInput.safeParse({ retentionHours: 0 }).success).toBe(false);
  });

  it("needs the typed confirmation", () => {
    expect(offboardInput.safeParse({}).success).toBe(false);
    expect(offboardInput.safeParse({ confirm: "initech-health" }).success).toBe(true);
  });
});
