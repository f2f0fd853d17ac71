import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FAMILIES, VARIABLES } from "./catalogue";
import { CONFIGURATION_DOC_PATH, ENV_EXAMPLE_PATH, renderConfigurationDoc, renderEnvExample } from "./reference";

const root = path.resolve(__dirname, "../..");
const read = (file: string) =>
  fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), "utf8") : "(missing)";

describe("the configuration reference", () => {
  it.each([
    [ENV_EXAMPLE_PATH, renderEnvExample],
    [CONFIGURATION_DOC_PATH, renderConfigurationDoc],
  ])("%s is what the catalogue writes (run `npm run docs:config` after changing it)", (file, render) => {
    expect(read(file)).toBe(render());
  });

  it("lists every variable and family, with its default, and marks the secrets", () => {
    const example = renderEnvExample();
    const doc = renderConfigurationDoc();
    for (const name of [...Object.keys(VARIABLES), ...FAMILIES.map((f) => f.pattern)]) {
      expect(example).toMatch(new RegExp(`^# ${name}=`, "m"));
      expect(doc).toContain(`| \`${name}\` |`);
    }
    expect(example).toMatch(/^# SYNCDECK_LAG_INTERVAL_MS=5000$/m);
    expect(example).toMatch(/^# \(secret\) Required by console\. Read by console, demo\.\n# NEXTAUTH_SECRET=$/m);
    expect(doc).toMatch(/^\| `RETRY_DELAYS_MS` \| `1000,10000,60000,600000` \|/m);
    expect(doc).toMatch(/^\| `KAFKA_SASL_PASSWORD` \|.*\| secret \|$/m);
  });
});
