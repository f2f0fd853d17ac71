/**
 * `npm run build:cli`: bundles the `syncdeck` command (server/cli/main.ts and the server and pipeline
 * code it runs) into dist/syncdeck.cjs, plain JavaScript for Node 20: no TypeScript runtime needed
 * to run it. npm packages stay outside the bundle and load from node_modules as usual.
 */
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const started = Date.now();
const { outputFiles } = await build({
  entryPoints: [path.join(root, "server/cli/main.ts")],
  outfile: path.join(root, "dist/syncdeck.cjs"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
  write: false,
  alias: {
    "@": root,
    // server-only guards React Server Components from client bundles; the command is a server.
    "server-only": path.join(root, "test/empty-module.ts"),
  },
});
// Each file replaced whole (written beside it, then renamed): a processor starting while the demo or
// a bench rebuilds the bundle loads the old one or the new one, never half of one.
fs.mkdirSync(path.join(root, "dist"), { recursive: true });
for (const file of outputFiles) {
  const partial = `${file.path}.${process.pid}.partial`;
  fs.writeFileSync(partial, file.contents);
  fs.renameSync(partial, file.path);
}
console.log(`build:cli: dist/syncdeck.cjs in ${Date.now() - started} ms`);
