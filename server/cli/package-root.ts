/**
 * Files the command ships with (prisma/migrations, the standalone console) are found from the
 * package's root: the nearest folder above this code whose package.json is SyncDeck's. That holds
 * for the bundle in dist/ and for the sources run in tests.
 */
import fs from "node:fs";
import path from "node:path";

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "syncdeck")
      return (root = dir);
    if (path.dirname(dir) === dir) throw new Error(`cannot find SyncDeck's package.json above ${__dirname}`);
  }
}

export const packagePath = (...parts: string[]) => path.join(packageRoot(), ...parts);
