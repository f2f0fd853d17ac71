/**
 * `npm run bench:pages`: how fast each console page is for a person, on the production build with
 * the demo's data. Starts `npm run demo`'s entry point on a throwaway data dir (real Kafka, Connect,
 * Postgres, processors, console built when stale), signs in as the demo admin in Debian's Chromium
 * and opens every page once cold (a fresh browser cache, the first request the server sees for the
 * page), then, once every page has been served, each BENCH_PAGES_RUNS times warm. Per page it records, from the browser's own timings:
 *   TTFB          navigation responseStart (request sent → first byte of the HTML)
 *   LCP           the largest-contentful-paint entry
 *   data          when the page's first real row or chart is in the DOM
 *   JS            script bytes the cold load transferred (compressed)
 * Prints a table, then as its last line the warm p50/p95 over all pages, the slowest page, and the
 * pages that miss the targets (TTFB ≤ 200 ms, LCP ≤ 1.0 s warm). BENCH_PAGES_URL measures a console
 * already running instead (it must have the demo users); BENCH_PAGES_ONLY=/health,/lag measures only
 * the pages listed.
 */
import type { Page } from "playwright-core";
import { demoSubjects, launchChromium, signInAsAdmin, type SignedInState } from "../scripts/stack/demo-browser";
import { startDemoProcess } from "../scripts/stack/demo-process";
import { cpuTimes, describeCpu, percentile, processTree } from "./stats";

const RUNS = Number(process.env.BENCH_PAGES_RUNS ?? 5);
const TARGET_TTFB_MS = 200;
const TARGET_LCP_MS = 1_000;
/** What "the page has its data" means: a table row, a chart, a status card or a list entry in the main column. */
const DATA =
  "main tbody tr, main .recharts-surface, main [data-testid^=tenant-], main [data-testid=explanation], main li a, main [role=img]";

type Sample = { ttfb: number; lcp: number | null; data: number | null; jsBytes: number };
type PageResult = { path: string; cold: Sample; warm: Sample[] };

const log = (line: string) => console.log(line);

async function main() {
  const started = Date.now();
  const demo = process.env.BENCH_PAGES_URL ? null : await startDemoProcess((line) => log(`[bench] ${line}`));
  const baseUrl = process.env.BENCH_PAGES_URL ?? demo!.baseUrl;
  const browser = await launchChromium();
  try {
    const signedIn = await signInAsAdmin(browser, baseUrl);
    const paths = await pagePaths(baseUrl, signedIn);
    // The demo's whole tree (console, Kafka, Connect, Postgres, processors, simulators) and this
    // process with its Chromium: on a small machine the demo's own pipelines compete with the console.
    const demoTree = () => (demo ? processTree(demo.pid) : []);
    const benchTree = () => {
      const demoPids = new Set(demoTree());
      return processTree(process.pid).filter((pid) => !demoPids.has(pid));
    };
    const before = { demo: cpuTimes(demoTree()), bench: cpuTimes(benchTree()) };
    const measureStart = Date.now();
    const newContext = () => browser.newContext({ storageState: signedIn, viewport: { width: 1440, height: 900 } });
    // Cold, every page first: a new context has an empty HTTP cache, and the server has not
    // rendered the page yet since it started.
    const colds = new Map<string, Sample>();
    for (const pagePath of paths) {
      const coldContext = await newContext();
      colds.set(pagePath, await measure(await coldContext.newPage(), baseUrl + pagePath));
      await coldContext.close();
    }
    // Warm once every page has been served: a console that was just started loads and compiles
    // each route's code on its first requests (measured on the demo: first-minute first bytes of
    // 170-250 ms on any page, 20-60 ms a few minutes later), which is not what a person opening a
    // page of a running console waits for.
    const results: PageResult[] = [];
    for (const pagePath of paths) {
      const context = await newContext();
      const page = await context.newPage();
      await measure(page, baseUrl + pagePath); // fills the browser cache
      const warm: Sample[] = [];
      for (let i = 0; i < RUNS; i += 1) warm.push(await measure(page, baseUrl + pagePath));
      await context.close();
      results.push({ path: pagePath, cold: colds.get(pagePath)!, warm });
      log(row(results[results.length - 1]!));
    }
    const after = { demo: cpuTimes(demoTree()), bench: cpuTimes(benchTree()) };
    const measuredMs = Date.now() - measureStart;
    log(describeCpu(before.demo, after.demo, measuredMs, "the demo (console, Kafka, Connect, Postgres, pipelines)"));
    log(describeCpu(before.bench, after.bench, measuredMs, "this bench with Chromium"));
    log(summary(results, Date.now() - started));
  } finally {
    await browser.close();
    await demo?.stop();
  }
}

/** Every console page; the ones that name a consumer group or a member use acme-health's first. */
async function pagePaths(baseUrl: string, state: SignedInState): Promise<string[]> {
  const { group, member } = await demoSubjects(baseUrl, state);
  const only = (process.env.BENCH_PAGES_ONLY ?? "").split(",").filter(Boolean);
  const all = [
    "/health",
    "/health/acme-health",
    "/flow",
    "/flow/acme-health",
    "/lag",
    `/lag/${encodeURIComponent(group)}`,
    "/alerts",
    "/retries",
    "/retries/acme-health",
    "/retries/acme-health/dlq",
    "/lookup",
    `/lookup/acme-health/${member}`,
    "/deployments",
    "/tenants",
    "/tenants/acme-health",
    "/tenants/new",
    "/admin",
    "/audit",
  ];
  return only.length ? all.filter((path) => only.includes(path)) : all;
}

async function measure(page: Page, url: string): Promise<Sample> {
  await page.goto(url, { waitUntil: "commit" });
  const data = await page
    .waitForFunction((selector) => (document.querySelector(selector) ? performance.now() : null), DATA, {
      polling: "raf",
      timeout: 30_000,
    })
    .then((handle) => handle.jsonValue() as Promise<number>)
    .catch(() => null);
  await page.waitForLoadState("load");
  return page
    .evaluate(async () => {
      const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const lcp = await new Promise<number | null>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries.length ? entries[entries.length - 1]!.startTime : null);
        }).observe({ type: "largest-contentful-paint", buffered: true });
        setTimeout(() => resolve(null), 500);
      });
      const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter(
        (r) => r.initiatorType === "script" || /\.js(\?|$)/.test(r.name),
      );
      return {
        ttfb: navigation.responseStart - navigation.requestStart,
        lcp,
        jsBytes: scripts.reduce((sum, r) => sum + r.encodedBodySize, 0),
      };
    })
    .then((timings) => ({ ...timings, data }));
}

const ms = (value: number | null) => (value === null || Number.isNaN(value) ? "—" : `${Math.round(value)}`);
const p = (samples: (number | null)[], q: number) =>
  percentile(
    samples.filter((s): s is number => s !== null),
    q,
  );

function row(result: PageResult): string {
  const w = result.warm;
  return [
    result.path.padEnd(40),
    `cold TTFB ${ms(result.cold.ttfb).padStart(5)} LCP ${ms(result.cold.lcp).padStart(5)} data ${ms(result.cold.data).padStart(5)} JS ${Math.round(result.cold.jsBytes / 1024)} KB`,
    `| warm TTFB p50 ${ms(
      p(
        w.map((s) => s.ttfb),
        50,
      ),
    ).padStart(4)} p95 ${ms(
      p(
        w.map((s) => s.ttfb),
        95,
      ),
    ).padStart(4)}`,
    `LCP p50 ${ms(
      p(
        w.map((s) => s.lcp),
        50,
      ),
    ).padStart(4)} p95 ${ms(
      p(
        w.map((s) => s.lcp),
        95,
      ),
    ).padStart(4)}`,
    `data p50 ${ms(
      p(
        w.map((s) => s.data),
        50,
      ),
    ).padStart(4)} ms`,
  ].join("  ");
}

function summary(results: PageResult[], wallMs: number): string {
  const warm = results.flatMap((r) => r.warm);
  const pageP95 = (r: PageResult, key: "ttfb" | "lcp") =>
    p(
      r.warm.map((s) => s[key]),
      95,
    );
  const misses = results.filter(
    (r) =>
      pageP95(r, "ttfb") > TARGET_TTFB_MS || pageP95(r, "lcp") > TARGET_LCP_MS || r.warm.some((s) => s.lcp === null),
  );
  const slowest = [...results].sort((a, b) => pageP95(b, "lcp") - pageP95(a, "lcp"))[0]!;
  return [
    `pages: ${results.length} pages × ${RUNS} warm runs`,
    `warm TTFB p50 ${ms(
      p(
        warm.map((s) => s.ttfb),
        50,
      ),
    )} ms p95 ${ms(
      p(
        warm.map((s) => s.ttfb),
        95,
      ),
    )} ms`,
    `warm LCP p50 ${ms(
      p(
        warm.map((s) => s.lcp),
        50,
      ),
    )} ms p95 ${ms(
      p(
        warm.map((s) => s.lcp),
        95,
      ),
    )} ms`,
    `warm data p50 ${ms(
      p(
        warm.map((s) => s.data),
        50,
      ),
    )} ms p95 ${ms(
      p(
        warm.map((s) => s.data),
        95,
      ),
    )} ms`,
    `cold TTFB p50 ${ms(
      p(
        results.map((r) => r.cold.ttfb),
        50,
      ),
    )} ms, cold LCP p50 ${ms(
      p(
        results.map((r) => r.cold.lcp),
        50,
      ),
    )} ms`,
    `slowest ${slowest.path} (LCP p95 ${ms(pageP95(slowest, "lcp"))} ms)`,
    `over target (TTFB ≤ ${TARGET_TTFB_MS} ms, LCP ≤ ${TARGET_LCP_MS} ms, p95): ${misses.length ? misses.map((r) => r.path).join(", ") : "none"}`,
    `${Math.round(wallMs / 1000)} s`,
  ].join(", ");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
