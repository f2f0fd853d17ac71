import { describe, expect, it } from "vitest";
import { reconcileSource } from "./source-target";

const env = { DATABASE_URL: "postgres://u:p@db:5432/syncdeck" };

describe("reconcileSource", () => {
  it("reads a tenant without a stored source from its managed database on the source server", () => {
    expect(reconcileSource("acme-health", {}, env)).toBe("postgres://u:p@db:5432/source_acme_health");
    expect(
      reconcileSource("acme-health", {}, { ...env, SOURCE_DATABASE_SERVER_URL: "postgres://s@src:5433/postgres" }),
    ).toBe("postgres://s@src:5433/source_acme_health");
  });

  it("follows a stored source, and refuses one that no longer validates", () => {
    const managed = reconcileSource("acme-health", { kind: "managed" }, env);
    expect(typeof managed === "string" ? managed : managed.connectionString).toBe(
      "postgres://u:p@db:5432/source_acme_health",
    );
    expect(() => reconcileSource("acme-health", { kind: "ftp" }, env)).toThrow(
      "the stored source of acme-health cannot be used: it does not validate as a managed or external source",
    );
  });
});
