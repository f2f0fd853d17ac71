/**
 * `npm run docs:screenshots`: the README's pictures, taken from the demo so they stay current.
 * Starts the demo (as `npm run demo` does, on free ports and a throwaway data dir), signs in as the
 * demo admin in Debian's Chromium, and saves each page in the light and the dark theme (the
 * browser's colour-scheme preference, which the console follows) to docs/screenshots/.
 */
import fs from "node:fs";
import path from "node:path";
import { demoSubjects, launchChromium, signInAsAdmin } from "../stack/demo-browser";
import { startDemoProcess } from "../stack/demo-process";

const OUT = path.join(process.cwd(), "docs", "screenshots");
/** What must be on the page before the picture: real data, not a skeleton. */
/** Seconds of live traffic before the first picture, so the charts show a history rather than one point. */
const WARM_UP_S = Number(process.env.SCREENSHOTS_WARM_UP_S ?? 90);
const READY =
  "main tbody tr, main .recharts-surface, main [data-testid^=tenant-], main [data-testid=explanation], main li a";

async function main() {
  const demo = await startDemoProcess((line) => console.log(line));
  const browser = await launchChromium();
  try {
    console.log(`letting the demo's pipelines run for ${WARM_UP_S} s`);
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_S * 1000));
    const state = await signInAsAdmin(browser, demo.baseUrl);
    const { member } = await demoSubjects(demo.baseUrl, state);
    const pages = [
      { name: "health", path: "/health" },
      { name: "flow", path: "/flow/acme-health" },
      { name: "lag", path: "/lag" },
      { name: "retries", path: "/retries/globex-care" },
      { name: "member", path: `/lookup/acme-health/${member}` },
      { name: "deployments", path: "/deployments" },
    ];
    fs.mkdirSync(OUT, { recursive: true });
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser.newContext({
        storageState: state,
        colorScheme,
        viewport: { width: 1440, height: 900 },
      });
      const page = await context.newPage();
      for (const { name, path: pagePath } of pages) {
        await page.goto(demo.baseUrl + pagePath);
        await page.waitForSelector(READY, { timeout: 60_000 });
        await page.waitForLoadState("networkidle").catch(() => undefined); // live pages keep polling
        await page.waitForTimeout(1_000); // chart animations
        const file = path.join(OUT, `${name}-${colorScheme}.png`);
        await page.screenshot({ path: file });
        console.log(`wrote ${path.relative(process.cwd(), file)}`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await demo.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
