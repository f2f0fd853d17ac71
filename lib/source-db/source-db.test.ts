import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { schemaFile } from "./source-db";

describe("schemaFile", () => {
  it("finds the source schema by default", () => {
    expect(fs.readFileSync(schemaFile(), "utf8")).toMatch(/CREATE TABLE/i);
  });
  it("falls back to the next candidate when the module's own directory is virtual (a bundle's /ROOT)", () => {
    const real = path.resolve("pipeline/shared/source-schema.sql");
    expect(schemaFile(["/ROOT/pipeline/shared/source-schema.sql", real])).toBe(real);
  });
  it("says where it looked when no candidate exists", () => {
    expect(() => schemaFile(["/ROOT/a.sql", "/ROOT/b.sql"])).toThrow(
      "source-schema.sql not found (looked at /ROOT/a.sql, /ROOT/b.sql)",
    );
  });
});
