/** The lines bench:tenants prints, one function per line; pure, so the figures and their words stay together. */
import { fmt } from "../pipeline/config";
import { percentile } from "../stats";

const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`;
const ms = (samples: number[], p: number) => `${percentile(samples, p).toFixed(0)} ms`;
const pct = (ratio: number) => `${Math.round(100 * ratio)}%`;

export type RunFigures = {
  tenants: number;
  processes: number;
  rssPeak: number;
  appliedPerSecond: number;
  latencies: number[];
};

export const tenantsLine = (light: number, lightRate: number, heavy: number, heavyRate: number, partitions: number) =>
  `tenants: ${fmt(light)} at ${lightRate} changes/s and ${heavy} at ${heavyRate}/s (${fmt(light * lightRate + heavy * heavyRate)} changes/s offered), ${partitions} partition(s) per topic; Debezium-shaped change events on each tenant's CDC topics, source.ts_ms = send time`;

export function windowLine(label: string, seconds: number, run: RunFigures, load: string): string {
  const l = run.latencies;
  return (
    `${label}: ${fmt(run.tenants)} tenants in ${run.processes} processes over ${seconds} s: ${fmt(run.appliedPerSecond)} changes/s applied; ` +
    `source-to-target p50 ${ms(l, 50)}, p99 ${ms(l, 99)}, max ${ms(l, 100)} (${fmt(l.length)} changes); processor RSS peak ${mb(run.rssPeak)} (${load})`
  );
}

/** The clean window's latency of the heavy tenants and of the light ones apart: which of them make the tail. */
export const latencyByClassLine = (heavy: number[], light: number[]) =>
  `pooled, clean, by tenant class: heavy tenants p50 ${heavy.length ? ms(heavy, 50) : "-"}, p99 ${heavy.length ? ms(heavy, 99) : "-"} ` +
  `(${fmt(heavy.length)} changes); light tenants p50 ${light.length ? ms(light, 50) : "-"}, p99 ${light.length ? ms(light, 99) : "-"} (${fmt(light.length)} changes)`;

/** The settling traffic before the windows: not in the figures, printed so the transient it keeps out is seen. */
export const settleLine = (seconds: number, latencies: number[]) =>
  `pooled, settling (${seconds} s of traffic after the warm-up's backlog, every tenant resuming at once; not in the figures): ` +
  `source-to-target p50 ${latencies.length ? ms(latencies, 50) : "-"}, p99 ${latencies.length ? ms(latencies, 99) : "-"} (${fmt(latencies.length)} changes)`;

export type PoisonFigures = {
  tenant: string;
  poisonSent: number;
  deadLettered: number;
  cleanOthersPerSecond: number;
  poisonedOthersPerSecond: number;
  cleanOthersLatencies: number[];
  poisonedOthersLatencies: number[];
};

export const poisonCost = (p: PoisonFigures) => Math.max(0, 1 - p.poisonedOthersPerSecond / p.cleanOthersPerSecond);

export function poisonLine(p: PoisonFigures, seconds: number, kinds: readonly string[], load: string): string {
  return (
    `poison: ${p.tenant} got ${fmt(p.poisonSent)} poison messages in ${seconds} s (${kinds.join(", ")}; ${fmt(p.deadLettered)} dead-lettered so far); ` +
    `the others applied ${fmt(p.cleanOthersPerSecond)}/s in the clean windows before and after, ${fmt(p.poisonedOthersPerSecond)}/s meanwhile (cost ${pct(poisonCost(p))}), ` +
    `p99 ${ms(p.cleanOthersLatencies, 99)} clean, ${ms(p.poisonedOthersLatencies, 99)} meanwhile (${load})`
  );
}

export type DedicatedFigures = RunFigures & { extrapolatedTo: number };

export const dedicatedLine = (d: DedicatedFigures, seconds: number, load: string) =>
  `${windowLine("dedicated", seconds, d, load)}; ${mb(d.rssPeak / d.tenants)} per tenant, so ${fmt(d.extrapolatedTo)} tenants would take ${fmt(3 * d.extrapolatedTo)} processes and ${mb((d.rssPeak / d.tenants) * d.extrapolatedTo)}`;

/** The last line. */
export function summaryLine(
  pooled: RunFigures,
  lost: number,
  duplicated: number,
  poison: PoisonFigures | null,
  dedicated: DedicatedFigures | null,
): string {
  const perTenant = dedicated ? dedicated.rssPeak / dedicated.tenants : 0;
  return (
    `tenants: ${fmt(pooled.tenants)} pooled in ${pooled.processes} processes, RSS ${mb(pooled.rssPeak)}, ` +
    `${fmt(pooled.appliedPerSecond)} changes/s applied, p99 ${ms(pooled.latencies, 99)} source-to-target, lost ${lost}, duplicated ${duplicated}` +
    (poison ? `; poisoned tenant costs the others ${pct(poisonCost(poison))} throughput` : "") +
    (dedicated
      ? `; dedicated: ${fmt(3 * dedicated.extrapolatedTo)} processes, ${mb(perTenant * dedicated.extrapolatedTo)} RSS ` +
        `(extrapolated from ${dedicated.tenants} tenants: ${dedicated.processes} processes, ${mb(dedicated.rssPeak)}, ` +
        `${fmt(dedicated.appliedPerSecond)} changes/s applied, p99 ${ms(dedicated.latencies, 99)})`
      : "")
  );
}
