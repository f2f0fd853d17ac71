/**
 * After `next build`: copies what the standalone server serves but Next.js leaves out of
 * .next/standalone (the client assets in .next/static, and public/ when there is one), so
 * `node .next/standalone/server.js` — what `syncdeck console` and the image run — is complete.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const standalone = path.join(root, ".next/standalone");
if (!fs.existsSync(path.join(standalone, "server.js"))) {
  console.error(
    "standalone-assets: .next/standalone/server.js is missing; run `next build` first (next.config.js has output: standalone)",
  );
  process.exit(1);
}
for (const [from, to] of [
  [".next/static", ".next/standalone/.next/static"],
  ["public", ".next/standalone/public"],
]) {
  if (!fs.existsSync(path.join(root, from))) continue;
  fs.rmSync(path.join(root, to), { recursive: true, force: true });
  fs.cpSync(path.join(root, from), path.join(root, to), { recursive: true });
}
console.log("standalone-assets: .next/standalone is ready to run");
