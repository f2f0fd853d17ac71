import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { mergeExpositions } from "./merge-exposition";

const processor = (
  instance: string,
  consumed: number,
) => `# HELP syncdeck_processor_messages_consumed_total Messages consumed.
# TYPE syncdeck_processor_messages_consumed_total counter
syncdeck_processor_messages_consumed_total{tenant="acme",stage="cdc-processor",instance_id="${instance}"} ${consumed}

# HELP syncdeck_process_cpu_seconds_total CPU.
# TYPE syncdeck_process_cpu_seconds_total counter
syncdeck_process_cpu_seconds_total{instance_id="${instance}"} 0.5
`;

describe("mergeExpositions", () => {
  it("writes each family's HELP and TYPE once, followed by every input's samples", () => {
    const merged = mergeExpositions([processor("a", 3), processor("b", 5)]);
    expect(merged.match(/# TYPE syncdeck_processor_messages_consumed_total counter/g)).toHaveLength(1);
    const families = parsePrometheusTextFormat(merged);
    expect(families.map((f) => f.name)).toEqual([
      "syncdeck_processor_messages_consumed_total",
      "syncdeck_process_cpu_seconds_total",
    ]);
    expect(families[0]!.metrics.map((m) => ("value" in m ? [m.labels?.instance_id, m.value] : []))).toEqual([
      ["a", "3"],
      ["b", "5"],
    ]);
  });

  it("keeps families only some inputs have, and is empty for nothing", () => {
    const agent =
      "# HELP syncdeck_agent_instances Instances.\n# TYPE syncdeck_agent_instances gauge\nsyncdeck_agent_instances 2\n";
    expect(parsePrometheusTextFormat(mergeExpositions([agent, processor("a", 1)])).map((f) => f.name)).toContain(
      "syncdeck_agent_instances",
    );
    expect(mergeExpositions([])).toBe("");
  });
});
