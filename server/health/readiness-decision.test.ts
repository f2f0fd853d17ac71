import { describe, expect, it } from "vitest";
import { failureReason, migrationsVerdict, readiness } from "./readiness-decision";

describe("migrations verdict", () => {
  const folders = ["20261101_init", "20261102_lag", "20261103_dlq"];
  const applied = (names: string[], finished = true) => names.map((name) => ({ name, finished }));

  it("is current when every folder is applied", () => {
    expect(migrationsVerdict(folders, applied(folders))).toEqual({ ok: true, reason: "3 applied" });
  });

  it("names the pending migrations and says how to apply them", () => {
    expect(migrationsVerdict(folders, applied(["20261101_init"]))).toEqual({
      ok: false,
      reason: "2 pending migration(s): 20261102_lag, 20261103_dlq (run `syncdeck migrate`)",
    });
  });

  it("is not ready while a migration failed or runs", () => {
    expect(
      migrationsVerdict(folders, [...applied(folders.slice(0, 2)), { name: "20261103_dlq", finished: false }]),
    ).toEqual({ ok: false, reason: "migration 20261103_dlq failed or is still running" });
  });

  it("stays ready next to a database migrated by a newer version (rolling upgrades)", () => {
    expect(migrationsVerdict(folders.slice(0, 2), applied(folders))).toEqual({
      ok: true,
      reason: "2 applied; the database also has 1 from a newer version",
    });
  });
});

describe("failure reasons", () => {
  it("never repeats the error's text", () => {
    expect(failureReason(new Error("connect ECONNREFUSED 10.1.2.3:5432"))).toBe("unreachable");
    expect(failureReason(new Error("kafka did not answer within 3 s"))).toBe("timed out");
    expect(failureReason(new Error('password authentication failed for user "syncdeck"'))).toBe(
      "authentication failed",
    );
    expect(failureReason(new Error("relation _prisma_migrations at db.internal.example.com"))).toBe("failed");
  });
});

describe("readiness", () => {
  it("is ready only when every check is", () => {
    const ok = { name: "database" as const, ok: true, reason: "reachable", ms: 1 };
    expect(readiness([ok, { ...ok, name: "kafka" }]).ready).toBe(true);
    expect(readiness([ok, { ...ok, name: "kafka", ok: false, reason: "unreachable" }]).ready).toBe(false);
  });
});
