/**
 * Fetches jars from Maven Central with `mvn dependency:copy-dependencies` into the git-ignored
 * `.cache/`, once. A fetch lands in a temporary folder that is renamed into place, then a marker
 * records which pom produced it: an interrupted fetch is redone, and so is one made from an older
 * pom (adding a dependency to the pom refetches without anyone deleting `.cache` by hand).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { runToCompletion } from "./process";
import { requireMaven } from "./tools";

/** Repository root: this file is scripts/stack/maven.ts. */
export const REPO_ROOT = path.resolve(__dirname, "../..");

/** Where fetched jars live; SYNCDECK_CACHE_DIR lets CI point several checkouts at one cache. */
export function cacheRoot(): string {
  return process.env.SYNCDECK_CACHE_DIR ? path.resolve(process.env.SYNCDECK_CACHE_DIR) : path.join(REPO_ROOT, ".cache");
}

export interface MavenFetch {
  /** The pom whose runtime dependencies are copied. */
  pom: string;
  /** Folder that receives the jars (created; replaced when the marker is missing or stale). */
  outDir: string;
  /** `-Dkey=value` properties for the pom, e.g. the Kafka version. */
  properties: Record<string, string>;
  /** Maven profiles to activate (`-P`), when one pom describes several folders. */
  profiles?: string[];
  log?: (line: string) => void;
}

const MARKER = ".syncdeck-complete.json";
// A cold ~/.m2 downloads ~50 MB (Kafka) to ~150 MB (Connect + Debezium).
const MAVEN_TIMEOUT_MS = 10 * 60_000;

/** Copies the pom's dependencies into outDir unless a matching completion marker is there. Returns outDir. */
export async function fetchMavenDependencies(fetch: MavenFetch): Promise<string> {
  const fingerprint = fetchFingerprint(fetch);
  if (readMarker(fetch.outDir) === fingerprint) return fetch.outDir;

  requireMaven();
  fetch.log?.(`fetching jars from Maven Central into ${path.relative(process.cwd(), fetch.outDir) || fetch.outDir} …`);
  const started = performance.now();
  // A per-process temporary folder: two processes fetching at once do not mix their files.
  const tmpDir = `${fetch.outDir}.tmp-${process.pid}`;
  fs.rmSync(tmpDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(fetch.outDir), { recursive: true });
  try {
    await runMaven(fetch.pom, fetch.profiles ?? [], { ...fetch.properties, "syncdeck.outputDirectory": tmpDir });
    fs.writeFileSync(path.join(tmpDir, MARKER), JSON.stringify({ fingerprint, fetchedAt: new Date().toISOString() }));
    fs.rmSync(fetch.outDir, { recursive: true, force: true });
    fs.renameSync(tmpDir, fetch.outDir);
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  fetch.log?.(
    `fetched ${fs.readdirSync(fetch.outDir).filter((f) => f.endsWith(".jar")).length} jars in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return fetch.outDir;
}

function fetchFingerprint(fetch: MavenFetch): string {
  const hash = crypto.createHash("sha256");
  hash.update(fs.readFileSync(fetch.pom));
  hash.update(JSON.stringify([Object.entries(fetch.properties).sort(), fetch.profiles ?? []]));
  return hash.digest("hex");
}

function readMarker(outDir: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(outDir, MARKER), "utf8")) as { fingerprint?: string }).fingerprint;
  } catch {
    return undefined;
  }
}

async function runMaven(pom: string, profiles: string[], properties: Record<string, string>): Promise<void> {
  const args = [
    "-q",
    "-B",
    "-Dstyle.color=never",
    "-f",
    pom,
    ...(profiles.length ? ["-P", profiles.join(",")] : []),
    ...Object.entries(properties).map(([key, value]) => `-D${key}=${value}`),
    "dependency:copy-dependencies",
  ];
  const { code, output } = await runToCompletion("mvn", args, { timeoutMs: MAVEN_TIMEOUT_MS });
  if (code !== 0) {
    const tail = output.trim().split("\n").slice(-30).join("\n");
    throw new Error(`mvn ${args.join(" ")} failed (exit ${code ?? "timeout"}):\n${tail}`);
  }
}
