import { describe, expect, it } from "vitest";
import {
  emptyRequestForm,
  fieldErrors,
  formFromRequest,
  previewVolume,
  requestBody,
  suggestSlug,
  withName,
} from "./request-form-state";

const filled = () => ({
  ...withName(emptyRequestForm("local"), "Initech Pharmacy"),
  contacts: [{ name: "Peter Gibbons", email: "peter@initech.example" }],
  expectedDailyChanges: "2000000",
  peakChangesPerSecond: "900",
});

describe("suggestSlug", () => {
  it("lower-cases and joins words with dashes", () => {
    expect(suggestSlug("Initech Pharmacy, Inc.")).toBe("initech-pharmacy-inc");
  });
  it("drops accents, leading digits and trailing dashes, and stops at 40 characters", () => {
    expect(suggestSlug("Ünïcode Care")).toBe("unicode-care");
    expect(suggestSlug("42 Health")).toBe("health");
    expect(suggestSlug(`${"a".repeat(39)} b`)).toBe("a".repeat(39));
  });
});

describe("withName", () => {
  it("suggests the slug until it is typed by hand", () => {
    expect(withName(emptyRequestForm("local"), "Acme").slug).toBe("acme");
    expect(withName({ ...emptyRequestForm("local"), slug: "mine", slugEdited: true }, "Acme").slug).toBe("mine");
  });
});

describe("requestBody and fieldErrors", () => {
  it("a filled form is a valid request with a managed source", () => {
    const state = filled();
    expect(fieldErrors(state)).toEqual({});
    expect(requestBody(state)).toMatchObject({
      slug: "initech-pharmacy",
      source: { kind: "managed" },
      expectedDailyChanges: 2_000_000,
      peakChangesPerSecond: 900,
      entities: ["members", "claims"],
    });
  });
  it("says what is wrong with the schema's own messages, keyed by field", () => {
    const errors = fieldErrors({
      ...filled(),
      slug: "Bad Slug",
      contacts: [{ name: "", email: "nope" }],
      expectedDailyChanges: "",
      entities: [],
    });
    expect(errors.slug).toMatch(/^slug must be 3-40 lowercase/);
    expect(errors["contacts.0.name"]).toBe("contact name is required");
    expect(errors["contacts.0.email"]).toBe("contact email is not an email address");
    expect(errors.expectedDailyChanges).toBe("expected daily changes must be a number");
    expect(errors.entities).toBe("choose at least one entity to sync");
  });
  it("an external source carries its connection fields, the port as a number, and never a password secret", () => {
    const state = {
      ...filled(),
      sourceKind: "external" as const,
      host: "db.initech.example",
      port: "5433",
      database: "claims",
      user: "cdc",
    };
    expect(requestBody(state).source).toEqual({
      kind: "external",
      host: "db.initech.example",
      port: 5433,
      database: "claims",
      user: "cdc",
    });
    expect(fieldErrors(state)).toEqual({});
  });
  it("keeps the entities in schema order whatever order they were ticked in", () => {
    expect(requestBody({ ...filled(), entities: ["claims", "members"] }).entities).toEqual(["members", "claims"]);
  });
});

describe("previewVolume", () => {
  it("counts blank and invalid numbers as 0", () => {
    expect(previewVolume({ ...filled(), expectedDailyChanges: "", peakChangesPerSecond: "-3" })).toEqual({
      expectedDailyChanges: 0,
      peakChangesPerSecond: 0,
    });
  });
});

describe("formFromRequest", () => {
  it("prefills every field of a stored request, the slug fixed", () => {
    const state = formFromRequest(
      {
        name: "Initech",
        slug: "initech-ab12",
        contacts: [{ name: "P", email: "p@i.example" }],
        sourceInput: { kind: "external", host: "h", port: 6543, database: "d", user: "u", passwordSecret: "S1" },
        expectedDailyChanges: 10,
        peakChangesPerSecond: 2,
        entities: ["claims"],
        environmentId: null,
      },
      "local",
    );
    expect(state).toMatchObject({
      slug: "initech-ab12",
      slugEdited: true,
      sourceKind: "external",
      port: "6543",
      environment: "local",
      entities: ["claims"],
      expectedDailyChanges: "10",
    });
    expect(fieldErrors(state)).toEqual({});
    expect(requestBody(state).source).not.toHaveProperty("passwordSecret"); // a resubmission by the requester is not refused
  });
});
