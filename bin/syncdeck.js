#!/usr/bin/env node
// The `syncdeck` command: runs the compiled bundle (npm run build:cli writes dist/syncdeck.cjs).
const path = require("node:path");
const fs = require("node:fs");

const bundle = path.join(__dirname, "..", "dist", "syncdeck.cjs");
if (!fs.existsSync(bundle)) {
  console.error(
    `syncdeck: ${bundle} is missing; build it with \`npm run build:cli\` (the image and \`npm run build\` do)`,
  );
  process.exit(2);
}
require(bundle).main();
