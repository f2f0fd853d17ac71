/**
 * The package ships no types; its output follows prom2json's. For a histogram it keeps only the
 * buckets (`le` → cumulative count) of one series: the `_sum`/`_count` and the labels of a labelled
 * histogram are dropped, so tests read a histogram that has one series.
 */
declare module "parse-prometheus-text-format" {
  type Labels = Record<string, string>;
  export type ParsedSample = { value: string; labels?: Labels };
  export type ParsedHistogramSample = {
    buckets: Record<string, string>;
    count?: string;
    sum?: string;
    labels?: Labels;
  };
  export type ParsedFamily =
    | { name: string; help: string; type: "COUNTER" | "GAUGE" | "UNTYPED"; metrics: ParsedSample[] }
    | { name: string; help: string; type: "HISTOGRAM" | "SUMMARY"; metrics: ParsedHistogramSample[] };
  export default function parsePrometheusTextFormat(text: string): ParsedFamily[];
}
