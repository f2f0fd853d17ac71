/**
 * docs/grafana/syncdeck.json and docs/production.md ask only for metrics the product exports: every
 * `syncdeck_*` name they use is registered by one of the exporters (a renamed metric fails here
 * instead of leaving a panel empty).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const EXPORTERS = [
  "server/lag/prometheus.ts",
  "pipeline/shared/processor-metrics.ts",
  "server/workers/worker-metrics.ts",
  "scripts/stack/agent-metrics.ts",
];
const registered = new Set(
  EXPORTERS.flatMap((file) => [...read(file).matchAll(/"(syncdeck_[a-z_]+)"/g)].map((m) => m[1]!)),
);
/** prefixes of prom-client's default process metrics, registered with `prefix: "syncdeck_"` */
const DEFAULT_METRICS = /^syncdeck_(agent_)?(process|nodejs)_/;
const HISTOGRAM_SERIES = /_(bucket|sum|count)$/;

const known = (name: string) =>
  registered.has(name) || registered.has(name.replace(HISTOGRAM_SERIES, "")) || DEFAULT_METRICS.test(name);

describe("the Grafana dashboard", () => {
  const dashboard = JSON.parse(read("docs/grafana/syncdeck.json")) as {
    panels: Array<{ type: string; title: string; targets?: Array<{ expr: string }> }>;
  };
  const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));

  it("has panels for lag, status, throughput, processor rates and latency quantiles", () => {
    expect(exprs.length).toBeGreaterThan(10);
    for (const needed of [
      "syncdeck_consumer_group_lag_messages",
      "syncdeck_consumer_group_lag_seconds",
      "syncdeck_consumer_group_status",
      "syncdeck_consumer_group_consume_rate",
      "syncdeck_processor_messages_applied_total",
      "syncdeck_processor_messages_retried_total",
      "syncdeck_processor_messages_dead_lettered_total",
      "syncdeck_processor_batch_duration_seconds_bucket",
      "syncdeck_processor_source_to_target_seconds_bucket",
    ]) {
      expect(
        exprs.some((e) => e.expr.includes(needed)),
        needed,
      ).toBe(true);
    }
  });

  it("queries only metrics the product exports", () => {
    for (const { panel, expr } of exprs) {
      for (const [name] of expr.matchAll(/syncdeck_[a-z_]+/g)) expect(known(name), `${panel}: ${name}`).toBe(true);
    }
  });
});

describe("docs/production.md", () => {
  it("names only metrics the product exports", () => {
    const names = [...read("docs/production.md").matchAll(/`(syncdeck_[a-z_]+)`/g)]
      .map((m) => m[1]!)
      .filter((n) => !n.endsWith("_"));
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(known(name), name).toBe(true);
  });
});
