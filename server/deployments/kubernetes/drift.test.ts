import { describe, expect, it } from "vitest";
import { deploymentDrift, driftInWords } from "./drift";

const applied = {
  metadata: { labels: { "syncdeck.io/revision": "3" } },
  spec: {
    replicas: 2,
    template: { spec: { containers: [{ name: "processor", image: "r/s:1.0", env: [{ name: "A", value: "1" }] }] } },
  },
};

describe("deploymentDrift", () => {
  it("ignores what the API server adds, and reports each owned field that changed", () => {
    const live = {
      metadata: { labels: { "syncdeck.io/revision": "3", "other/label": "x" } },
      spec: {
        replicas: 2,
        strategy: { type: "RollingUpdate" },
        template: {
          spec: {
            dnsPolicy: "ClusterFirst",
            containers: [
              {
                name: "processor",
                image: "r/s:1.0",
                imagePullPolicy: "IfNotPresent",
                env: [{ name: "A", value: "1" }],
              },
            ],
          },
        },
      },
    };
    expect(deploymentDrift(applied, live)).toEqual([]);
    const edited = structuredClone(live);
    edited.spec.replicas = 5;
    edited.spec.template.spec.containers[0]!.image = "r/s:evil";
    edited.spec.template.spec.containers[0]!.env.push({ name: "DEBUG", value: "1" });
    expect(deploymentDrift(applied, edited)).toEqual([
      { path: "spec.replicas", applied: "2", live: "5" },
      { path: "spec.template.spec.containers[processor].image", applied: '"r/s:1.0"', live: '"r/s:evil"' },
      { path: "spec.template.spec.containers[processor].env[DEBUG]", applied: "(absent)", live: "present" },
    ]);
    expect(driftInWords(deploymentDrift(applied, edited))).toContain(
      "changed outside SyncDeck: spec.replicas (applied 2, live 5)",
    );
  });

  it("reports a Deployment deleted outside SyncDeck", () => {
    expect(deploymentDrift(applied, undefined)).toEqual([
      { path: "(the Deployment)", applied: "present", live: "(absent)" },
    ]);
  });
});
