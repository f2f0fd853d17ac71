// The npm registry this project installs from lacks some other platforms' optional native builds
// (e.g. @next/swc-darwin-arm64), so `npm install` leaves them out of package-lock.json and
// `npm ci` then refuses the lock file as out of sync. This restores their entries, with the
// os/cpu that npm uses to skip them on other platforms. Run it after changing dependencies:
//   npm install && node scripts/complete-lockfile.mjs
import fs from "node:fs";

const OS = ["android", "darwin", "freebsd", "linux", "openharmony", "win32", "sunos", "openbsd", "netbsd", "aix"];
const CPU = ["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x", "wasm32"];

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  const libc = parts.some((p) => p.startsWith("musl"))
    ? "musl"
    : parts.some((p) => p.startsWith("gnu"))
      ? "glibc"
      : undefined;
  if (!cpu) return undefined;
  return { ...(os ? { os: [os] } : {}), cpu: [cpu], ...(libc && os === "linux" ? { libc: [libc] } : {}) };
}

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path}/node_modules/${dep}`;
    if (lock.packages[`node_modules/${dep}`] || lock.packages[nested]) continue;
    const platform = platformOf(dep);
    if (!platform || !/^\d+\.\d+\.\d+$/.test(version)) continue;
    lock.packages[`node_modules/${dep}`] = { version, ...platform, optional: true };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: restored ${added} other-platform optional entries`);
