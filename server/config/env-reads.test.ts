import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeVariable, FAMILIES, SET_FOR_OTHER_PROGRAMS } from "./catalogue";
import { envReadsInSources, envReadsInText } from "./env-reads";

const root = path.resolve(__dirname, "../..");
const SOURCES = [
  "server",
  "lib",
  "pipeline",
  "scripts",
  "app",
  "bin",
  "components",
  "proxy.ts",
  "instrumentation.ts",
  "prisma.config.ts",
  "next.config.js",
];

describe("envReadsInText", () => {
  it("sees every way the code reads a variable, and not the prose about one", () => {
    const code = `
      // env.IN_A_COMMENT is prose
      const a = process.env.DIRECT_READ ?? env?.OPTIONAL_READ;
      const b = options.env["BRACKETED_READ"] + kafkaEnv.SUFFIXED_READ + env.npm_package_version;
      const c = env[\`FAMILY_PREFIX_\${name}\`];
      const PREFIX = "OTHER_FAMILY_";
      const schema = z.object({ SCHEMA_KEY: z.string(), nested: z.object({ inner: z.string() }), OTHER_KEY: text });
      spawn("x", [], { env: { ...process.env, CHILD_VAR: "1", options: { NOT_A_VAR: 1 } } });
      run({ env: { TOOL_VAR: "x" } });
      const port = numberEnv("HELPER_READ");
      const worker = { name: "lag", switchVariable: "SWITCH_READ" };
      const ref = "\${env:CONNECT_REF}";
      const status = { FAILED: "red", url: "https://example.com" };
    `;
    const reads = envReadsInText(code, "x.ts");
    expect([...new Set(reads.filter((r) => r.kind === "name").map((r) => r.name))].sort()).toEqual(
      [
        "BRACKETED_READ",
        "CHILD_VAR",
        "CONNECT_REF",
        "DIRECT_READ",
        "HELPER_READ",
        "OPTIONAL_READ",
        "OTHER_KEY",
        "SCHEMA_KEY",
        "SUFFIXED_READ",
        "SWITCH_READ",
        "TOOL_VAR",
        "npm_package_version",
      ].sort(),
    );
    expect(
      reads
        .filter((r) => r.kind === "prefix")
        .map((r) => r.name)
        .sort(),
    ).toEqual(["FAMILY_PREFIX_", "OTHER_FAMILY_"]);
  });
});

describe("the catalogue and the code", () => {
  const reads = envReadsInSources(root, SOURCES);

  it("catalogues every variable the sources read (tests aside)", () => {
    const missing = new Map<string, Set<string>>();
    for (const read of reads) {
      const known =
        read.kind === "prefix"
          ? FAMILIES.some((f) => f.prefix === read.name)
          : describeVariable(read.name) !== undefined || read.name in SET_FOR_OTHER_PROGRAMS;
      if (!known) missing.set(read.name, (missing.get(read.name) ?? new Set()).add(read.file));
    }
    const report = [...missing].map(
      ([name, files]) => `${name} (read in ${[...files].join(", ")}): add it to server/config/catalogue.ts`,
    );
    expect(report).toEqual([]);
  });

  it("reaches the reads that are not a plain env.NAME", () => {
    const names = new Set(reads.map((r) => r.name));
    for (const name of [
      "KAFKA_BROKERS",
      "TRUST_PROXY",
      "OIDC_TENANT_MAP",
      "CONSUMER_MAX_RATE",
      "SYNCDECK_KAFKA_NODES",
      "SYNCDECK_LAG_SAMPLER",
      "SYNCDECK_SOURCE_SECRET_",
    ]) {
      expect(names, name).toContain(name);
    }
  });
});
