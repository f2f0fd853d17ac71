/**
 * `npm run bench:profile-summary -- <dir or .cpuprofile files>`: where the update-processors' CPU
 * time went, grouped into kafkajs decode, validation, planning, SQL, commits, JSON, GC and other
 * (profile-split.ts), summed over the files. For the throughput phase:
 *
 *   BENCH_PROCESSOR_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" BENCH_ONLY=jdbc npm run bench:pipeline
 *   npm run bench:profile-summary -- /tmp/prof
 *
 * (each processor child writes one file when it exits; the latency phase's processors write theirs
 * too, so keep one phase per folder or name the files). BENCH_PROFILE_TOP=n also lists the n
 * functions with the most self time.
 */
import fs from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { addSplits, splitLines, splitProfile, type CpuProfile } from "./profile-split";

function files(args: string[]): string[] {
  return args.flatMap((arg) =>
    fs.statSync(arg).isDirectory()
      ? fs
          .readdirSync(arg)
          .filter((f) => f.endsWith(".cpuprofile"))
          .map((f) => path.join(arg, f))
      : [arg],
  );
}

function topFunctions(profiles: CpuProfile[], n: number): string[] {
  const self = new Map<string, number>();
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((id, i) => {
      const frame = byId.get(id)?.callFrame;
      if (!frame) return;
      const name = `${frame.functionName || "(anonymous)"} ${frame.url.replace(/^.*\/(node_modules\/)?/, "")}`;
      self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => `${(us / 1e6).toFixed(2).padStart(8)} s  ${name}`);
}

const paths = files(process.argv.slice(2));
if (paths.length === 0) {
  console.error("usage: npm run bench:profile-summary -- <dir with .cpuprofile files | files…>");
  process.exit(2);
}
/**
 * Processors run from the compiled bundle (dist/syncdeck.cjs): give each of its frames the source
 * file it came from (the bundle's source map), so the split sees plan.ts, apply.ts, … as from tsx.
 */
function withSources(profile: CpuProfile): CpuProfile {
  const maps = new Map<string, SourceMap | null>();
  const mapOf = (url: string) => {
    if (!maps.has(url)) {
      const file = url.startsWith("file:") ? fileURLToPath(url) : url;
      const mapFile = `${file}.map`;
      maps.set(url, fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, "utf8"))) : null);
    }
    return maps.get(url);
  };
  for (const node of profile.nodes) {
    const frame = node.callFrame;
    if (!/\.cjs$/.test(frame.url) || frame.lineNumber === undefined) continue;
    const entry = mapOf(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber ?? 0);
    if (entry && "originalSource" in entry) frame.url = entry.originalSource;
  }
  return profile;
}

const profiles = paths.map((file) => withSources(JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile));
console.log(`${paths.length} profile(s): self time by part (share of busy time)`);
for (const line of splitLines(addSplits(profiles.map(splitProfile)))) console.log(`  ${line}`);
const top = Number(process.env.BENCH_PROFILE_TOP || 0);
if (top > 0) {
  console.log(`top ${top} functions by self time:`);
  for (const line of topFunctions(profiles, top)) console.log(`  ${line}`);
}
