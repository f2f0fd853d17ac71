/**
 * Every server file that reaches data — the database (server/db, Prisma, pg, the source-database
 * clients) or Kafka (kafkajs, the shared Kafka client) — is marked `import "server-only"`, so that a
 * client component that pulls one in fails the console's build instead of shipping it. The
 * `syncdeck` command bundle, vitest and the plain-Node scripts resolve the marker to nothing
 * (scripts/build-cli.mjs, vitest.config.ts, `--conditions=react-server`). A type import counts: a
 * module handed a PrismaClient or a Kafka admin does the data work. Pure modules that only name such
 * a type are listed below, each with why.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");

/** Import specifiers that reach data, as written (aliases) or as resolved (relative paths). */
const DATA_PACKAGES = new Set(["pg", "kafkajs", "@prisma/client", "@prisma/adapter-pg"]);
const DATA_MODULES = [/^server\/db\//, /^lib\/kafka\/client(\.ts)?$/, /^lib\/source-db\//];

const PURE: Record<string, string> = {
  "server/retries/indexed-batch.ts": "turns a fetched batch into rows and the offset to commit; reads nothing itself",
  "server/retries/replay-message.ts": "plans the message a replay sends; sends nothing",
  "server/alerts/rule-view.ts": "turns an alert rule row into its JSON view",
  "server/admin/user-summary.ts": "the user row's shape and its JSON view, never the password hash",
};

function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+"([^"]+)"/gm)) found.push(m[1]!);
  for (const m of text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)) found.push(m[1]!);
  return found;
}

/** The imports of `file` (relative to the root) that reach data. */
export function dataImports(text: string, file: string): string[] {
  return specifiers(text).filter((spec) => {
    if (DATA_PACKAGES.has(spec)) return true;
    const target = spec.startsWith("@/")
      ? spec.slice(2)
      : spec.startsWith(".")
        ? path.posix.join(path.posix.dirname(file), spec)
        : null;
    return target !== null && DATA_MODULES.some((pattern) => pattern.test(target));
  });
}

export const marksServerOnly = (text: string) => /^import "server-only";$/m.test(text);

function serverSources(dir = "server"): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : serverSources(relative);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|\.d\.ts$/.test(entry.name) ? [relative] : [];
  });
}

describe("server-only on data files", () => {
  it("tells a data import, by package, alias or relative path, from any other", () => {
    expect(dataImports('import pg from "pg";\nimport { z } from "zod";', "server/x/a.ts")).toEqual(["pg"]);
    expect(dataImports('import type { Admin } from "kafkajs";', "server/x/a.ts")).toEqual(["kafkajs"]);
    expect(dataImports('import { getPrisma } from "../db/client";', "server/x/a.ts")).toEqual(["../db/client"]);
    expect(dataImports('import { getPrisma } from "@/server/db/client";', "server/x/a.ts")).toEqual([
      "@/server/db/client",
    ]);
    expect(dataImports('const { getSharedAdmin } = await import("@/lib/kafka/client");', "server/x/a.ts")).toEqual([
      "@/lib/kafka/client",
    ]);
    expect(dataImports('import { sourceClient } from "@/lib/source-db/source-client";', "server/x/a.ts")).toEqual([
      "@/lib/source-db/source-client",
    ]);
    expect(
      dataImports(
        'import { configValue } from "../config/value";\nimport { TOPIC } from "@/lib/kafka/config";',
        "server/x/a.ts",
      ),
    ).toEqual([]);
    expect(marksServerOnly('/** doc */\nimport "server-only";\nimport pg from "pg";')).toBe(true);
    expect(marksServerOnly('// no `import "server-only"` here\nimport pg from "pg";')).toBe(false);
  });

  it("marks every server file that reaches the database or Kafka", () => {
    const unmarked = serverSources().filter((file) => {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      return dataImports(text, file).length > 0 && !marksServerOnly(text) && !(file in PURE);
    });
    expect(unmarked).toEqual([]);
  });

  it("lists as pure only files that reach data, by types alone, without the marker", () => {
    for (const file of Object.keys(PURE)) {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      const lines = text.split("\n").filter((line) => dataImports(line, file).length > 0);
      expect(lines.length, `${file} reaches no data any more: take it off the list`).toBeGreaterThan(0);
      expect(
        lines.every((line) => /^import type /.test(line)),
        `${file} imports data code, not only its types`,
      ).toBe(true);
      expect(marksServerOnly(text), `${file} is marked; take it off the list`).toBe(false);
    }
  });
});
