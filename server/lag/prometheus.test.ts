import { describe, expect, it } from "vitest";
import { toPrometheusText } from "./prometheus";

describe("toPrometheusText", () => {
  it("writes one series per group and topic with escaped labels", () => {
    const text = toPrometheusText([
      { groupId: 'sync.acme-health.update-processor', status: "STOP", members: 0, topics: [{ topic: "sync.acme-health.updates", lag: 42, lagSeconds: 12.34567, consumePerSecond: 0 }] },
      { groupId: 'odd"group', status: "OK", members: 1, topics: [] },
    ]);
    expect(text).toContain('syncdeck_consumergroup_lag{group="sync.acme-health.update-processor",topic="sync.acme-health.updates"} 42\n');
    expect(text).toContain('syncdeck_consumergroup_lag_seconds{group="sync.acme-health.update-processor",topic="sync.acme-health.updates"} 12.346\n');
    expect(text).toContain('syncdeck_consumergroup_status{group="sync.acme-health.update-processor",status="STOP"} 4\n');
    expect(text).toContain('syncdeck_consumergroup_members{group="odd\\"group"} 1\n');
    expect(text.endsWith("\n")).toBe(true);
  });
});
