/**
 * What a processor counts for Prometheus: its heartbeat counters (consumed, applied, retried,
 * dead-lettered, …) as counters labelled by tenant and stage, how long a batch takes, and how long
 * a change took from its source commit to its target row. One registry per process, with the
 * process' default metrics (prefix `syncdeck_`); served by metrics-http.ts. A pooled processor
 * has one view per tenant (`forTenant`): the same series, each tenant's own label values, exactly
 * what a dedicated processor of that tenant would expose.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import type { ProcessorCounts } from "./heartbeat";

/** Batches take milliseconds to a few seconds (a held batch waits out a database outage). */
const BATCH_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Source commit to target row: well under a second when keeping up, minutes to hours while catching up. */
const SOURCE_TO_TARGET_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

const COUNTERS: Record<keyof ProcessorCounts, { name: string; help: string }> = {
  consumed: {
    name: "syncdeck_processor_messages_consumed_total",
    help: "Messages the processor consumed and committed past.",
  },
  applied: { name: "syncdeck_processor_messages_applied_total", help: "Updates written to the target." },
  skipped: {
    name: "syncdeck_processor_messages_skipped_total",
    help: "Updates skipped as stale (the target already had a newer version).",
  },
  produced: {
    name: "syncdeck_processor_messages_produced_total",
    help: "Messages produced to the next topic of the pipeline.",
  },
  retried: { name: "syncdeck_processor_messages_retried_total", help: "Messages sent to a retry topic." },
  deadLettered: {
    name: "syncdeck_processor_messages_dead_lettered_total",
    help: "Messages sent to the dead-letter topic.",
  },
  failed: {
    name: "syncdeck_processor_batch_failures_total",
    help: "Batches whose handler failed (they are read again).",
  },
};

export type ProcessorMetrics = {
  registry: Registry;
  count(delta: Partial<ProcessorCounts>): void;
  observeBatch(seconds: number): void;
  /** `sourceTsMs`: the source database's commit time of the change, carried in the canonical update */
  observeSourceToTarget(sourceTsMs: number, appliedAtMs: number): void;
};

export type ProcessorRegistry = {
  registry: Registry;
  /** the counters and histograms of one tenant × stage */
  forTenant(labels: { tenant: string; stage: string }): ProcessorMetrics;
  /** drops one tenant × stage's series (the tenant left the pool: no series of a tenant not served) */
  forget(labels: { tenant: string; stage: string }): void;
};

export function createProcessorRegistry(instanceId: string): ProcessorRegistry {
  const registry = new Registry();
  // every series names its instance, so an agent can serve several processors' metrics as one
  registry.setDefaultLabels({ instance_id: instanceId });
  collectDefaultMetrics({ register: registry, prefix: "syncdeck_" });
  const labelNames = ["tenant", "stage"] as const;
  const counters = Object.fromEntries(
    Object.entries(COUNTERS).map(([key, spec]) => [key, new Counter({ ...spec, labelNames, registers: [registry] })]),
  ) as Record<keyof ProcessorCounts, Counter<"tenant" | "stage">>;
  const batch = new Histogram({
    name: "syncdeck_processor_batch_duration_seconds",
    help: "Time to handle one batch, from fetch to committed offsets.",
    labelNames,
    buckets: BATCH_BUCKETS,
    registers: [registry],
  });
  const sourceToTarget = new Histogram({
    name: "syncdeck_processor_source_to_target_seconds",
    help: "Time from a change's commit in the source database to its row in the target.",
    labelNames,
    buckets: SOURCE_TO_TARGET_BUCKETS,
    registers: [registry],
  });
  return {
    registry,
    forTenant(labels) {
      for (const counter of Object.values(counters)) counter.inc(labels, 0); // present from the start, so rate() sees the first increment
      return {
        registry,
        count(delta) {
          for (const [key, value] of Object.entries(delta) as Array<[keyof ProcessorCounts, number]>)
            if (value > 0) counters[key].inc(labels, value);
        },
        observeBatch: (seconds) => batch.observe(labels, seconds),
        // a source clock ahead of ours would give a negative age: that is 0, not a sample to drop
        observeSourceToTarget: (sourceTsMs, appliedAtMs) =>
          sourceToTarget.observe(labels, Math.max(0, appliedAtMs - sourceTsMs) / 1000),
      };
    },
    forget(labels) {
      for (const metric of [...Object.values(counters), batch, sourceToTarget]) metric.remove(labels);
    },
  };
}

/** The metrics of a processor serving one tenant. */
export function createProcessorMetrics(
  labels: { tenant: string; stage: string },
  instanceId: string,
): ProcessorMetrics {
  return createProcessorRegistry(instanceId).forTenant(labels);
}
