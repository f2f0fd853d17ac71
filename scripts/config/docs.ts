/**
 * `npm run docs:config`: writes `.env.example` and `docs/configuration.md` from the configuration
 * catalogue (server/config/catalogue.ts). `--check` writes nothing and exits 1 when either is out of date.
 */
import fs from "node:fs";
import path from "node:path";
import {
  CONFIGURATION_DOC_PATH,
  ENV_EXAMPLE_PATH,
  renderConfigurationDoc,
  renderEnvExample,
} from "../../server/config/reference";

const root = path.resolve(__dirname, "../..");
const check = process.argv.includes("--check");
let stale = 0;
for (const [file, text] of [
  [ENV_EXAMPLE_PATH, renderEnvExample()],
  [CONFIGURATION_DOC_PATH, renderConfigurationDoc()],
] as const) {
  const full = path.join(root, file);
  const current = fs.existsSync(full) ? fs.readFileSync(full, "utf8") : undefined;
  if (current === text) {
    console.log(`docs:config: ${file} is up to date`);
  } else if (check) {
    console.error(`docs:config: ${file} is out of date; run \`npm run docs:config\``);
    stale += 1;
  } else {
    fs.writeFileSync(full, text);
    console.log(`docs:config: wrote ${file}`);
  }
}
process.exit(stale ? 1 : 0);
