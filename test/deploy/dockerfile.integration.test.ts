/**
 * The Dockerfile, checked without a container engine (there is none here, so the image is never
 * built by the tests): its stages, what the runtime stage copies and from where, the user it runs
 * as, its entrypoint, and that production dependencies are enough for the command's bundle.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
type Instruction = { op: string; args: string };
type Stage = { name: string; from: string; instructions: Instruction[] };

/** Stages of a Dockerfile: instructions with continuation lines joined, comments dropped. */
function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op, args] = /^(\S+)\s+(.*)$/.exec(line)!;
    if (op!.toUpperCase() === "FROM") {
      const [, from, name] = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args!)!;
      stages.push({ name: name ?? String(stages.length), from: from!, instructions: [] });
    } else if (stages.length) stages.at(-1)!.instructions.push({ op: op!.toUpperCase(), args: args! });
  }
  return stages;
}

/** COPY's sources and destination and its --from stage (undefined: the build context). */
function copies(stage: Stage) {
  return stage.instructions
    .filter((i) => i.op === "COPY")
    .map((i) => {
      const words = i.args.split(/\s+/);
      const from = words.find((w) => w.startsWith("--from="))?.slice("--from=".length);
      const paths = words.filter((w) => !w.startsWith("--"));
      return { from, sources: paths.slice(0, -1), destination: paths.at(-1)! };
    });
}

const dockerignore = () =>
  fs
    .readFileSync(path.join(root, ".dockerignore"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));

/** Whether a context path is left out by .dockerignore (the patterns used here: names, dirs, `x.*`). */
function ignored(file: string, patterns: string[]): boolean {
  const parts = file.split("/");
  return patterns.some((p) => {
    const re = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}$`);
    return parts.some((_, i) => re.test(parts.slice(0, i + 1).join("/")));
  });
}

let stages: Stage[];
let runtime: Stage;
const instruction = (stage: Stage, op: string) => stage.instructions.filter((i) => i.op === op).map((i) => i.args);

beforeAll(() => {
  stages = parseDockerfile(fs.readFileSync(path.join(root, "Dockerfile"), "utf8"));
  runtime = stages.at(-1)!;
});

describe("Dockerfile", () => {
  it("builds in stages: all dependencies, the build, production dependencies, and a runtime on Node 20", () => {
    expect(stages.map((s) => s.name)).toEqual(["deps", "build", "prod-deps", "runtime"]);
    const image = /ARG NODE_IMAGE=(\S+)/.exec(fs.readFileSync(path.join(root, "Dockerfile"), "utf8"))![1]!;
    expect(image).toMatch(/^node:20[.\d]*-\S*slim$/);
    expect(stages.every((s) => s.from === "${NODE_IMAGE}")).toBe(true);
    expect(instruction(stages[0]!, "RUN")).toEqual(["npm ci --no-fund --no-audit"]);
    expect(instruction(stages[1]!, "RUN")).toEqual(["npm run build"]);
    expect(instruction(stages[2]!, "RUN")[0]).toMatch(/^npm ci --omit=dev --ignore-scripts\b/);
  });

  it("copies from the build context only files that exist and that .dockerignore lets in", () => {
    const patterns = dockerignore();
    for (const stage of stages) {
      for (const copy of copies(stage).filter((c) => c.from === undefined)) {
        for (const source of copy.sources) {
          if (source === ".") continue;
          expect(fs.existsSync(path.join(root, source)), source).toBe(true);
          expect(ignored(source, patterns), `${source} is excluded by .dockerignore`).toBe(false);
        }
      }
    }
    // What the build makes or installs is made inside the image, never sent from a checkout.
    for (const p of [".git", "node_modules", ".next", "dist", ".cache", ".data", ".env", "server/db/generated"])
      expect(ignored(p, patterns), p).toBe(true);
    // The deps stage runs the postinstall script (the Prisma client): it has everything that reads.
    const depsSources = copies(stages[0]!).flatMap((c) => c.sources);
    for (const needed of [
      "package.json",
      "package-lock.json",
      "prisma.config.ts",
      "prisma/schema.prisma",
      "scripts/db/generate-client.mjs",
      "scripts/db/schema-engine-stub.sh",
    ])
      expect(depsSources).toContain(needed);
    expect(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts.postinstall).toBe(
      "node scripts/db/generate-client.mjs",
    );
  });

  it("ships the command, the standalone console with its assets, migrations and the source schema", () => {
    const shipped = copies(runtime).map((c) => `${c.from ?? "context"}:${c.sources.join(" ")}->${c.destination}`);
    expect(shipped).toEqual([
      "context:package.json->./",
      "context:bin->./bin",
      "context:prisma/migrations->./prisma/migrations",
      "context:pipeline/shared/source-schema.sql->./pipeline/shared/source-schema.sql",
      "prod-deps:/app/node_modules->./node_modules",
      "build:/app/dist->./dist",
      "build:/app/.next/standalone->./.next/standalone",
    ]);
    // `npm run build` makes what the runtime takes from the build stage: .next/standalone (output:
    // standalone) with .next/static copied inside it, and dist/syncdeck.cjs.
    const build = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts.build as string;
    expect(build.split(" && ")).toEqual([
      "next build",
      "node scripts/standalone-assets.mjs",
      "node scripts/build-cli.mjs",
    ]);
    expect(fs.readFileSync(path.join(root, "next.config.js"), "utf8")).toMatch(/output: "standalone"/);
    expect(fs.readFileSync(path.join(root, "scripts/standalone-assets.mjs"), "utf8")).toContain(
      '[".next/static", ".next/standalone/.next/static"]',
    );
    expect(fs.readFileSync(path.join(root, "scripts/build-cli.mjs"), "utf8")).toContain(
      'outfile: path.join(root, "dist/syncdeck.cjs")',
    );
    expect(fs.readFileSync(path.join(root, "bin/syncdeck.js"), "utf8")).toContain(
      'path.join(__dirname, "..", "dist", "syncdeck.cjs")',
    );
    // Where a full build has been run in this checkout, its output is where the image expects it.
    if (fs.existsSync(path.join(root, ".next/standalone/server.js")))
      expect(fs.existsSync(path.join(root, ".next/standalone/.next/static"))).toBe(true);
  });

  it("runs as the non-root node user, the syncdeck command as entrypoint and the console by default", () => {
    expect(instruction(runtime, "USER")).toEqual(["1000:1000"]);
    expect(instruction(runtime, "ENTRYPOINT")).toEqual(['["node", "bin/syncdeck.js"]']);
    expect(instruction(runtime, "CMD")).toEqual(['["console"]']);
    expect(instruction(runtime, "EXPOSE")).toEqual(["3000"]);
    expect(instruction(runtime, "WORKDIR")).toEqual(["/app"]);
    const env = instruction(runtime, "ENV").join(" ");
    for (const pair of [
      "NODE_ENV=production",
      "NEXT_TELEMETRY_DISABLED=1",
      "SYNCDECK_MIGRATIONS_DIR=/app/prisma/migrations",
      "HOSTNAME=0.0.0.0",
    ])
      expect(env).toContain(pair);
    // Nothing after USER may switch back to root.
    const ops = runtime.instructions.map((i) => i.op);
    expect(ops.lastIndexOf("USER")).toBeGreaterThan(ops.lastIndexOf("RUN"));
  });

  it("needs only production dependencies at run time: the bundle requires no dev dependency and no generated client", () => {
    expect(spawnSync(process.execPath, ["scripts/build-cli.mjs"], { cwd: root }).status).toBe(0);
    const bundle = fs.readFileSync(path.join(root, "dist/syncdeck.cjs"), "utf8");
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    const required = new Set(
      [...bundle.matchAll(/require\("([^".][^"]*)"\)/g)].map((m) => m[1]!).filter((r) => !r.startsWith("node:")),
    );
    expect(required.size).toBeGreaterThan(3);
    for (const request of required) {
      const name = request.startsWith("@") ? request.split("/").slice(0, 2).join("/") : request.split("/")[0]!;
      expect(Object.keys(pkg.dependencies), `${request} is required at run time`).toContain(name);
    }
    // The Prisma client generated at install time is compiled into the bundle, not loaded beside it.
    expect(bundle).not.toMatch(/require\("[^"]*(db\/generated|\.prisma)[^"]*"\)/);
  });
});
