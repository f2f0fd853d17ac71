import { describe, expect, it } from "vitest";
import { driftFieldInWords, driftFieldName } from "./drift-words";

describe("drift in words", () => {
  it("names the fields people change with kubectl", () => {
    expect(driftFieldName("spec.replicas")).toBe("replicas");
    expect(driftFieldName("spec.template.spec.containers[processor].image")).toBe("image");
    expect(driftFieldName("spec.template.spec.containers[processor].env[CONSUMER_CONCURRENCY].value")).toBe(
      "setting CONSUMER_CONCURRENCY",
    );
    expect(driftFieldName("spec.template.spec.containers[processor].env[EXTRA]")).toBe("setting EXTRA");
    expect(driftFieldName("spec.template.spec.containers[processor].resources.limits.memory")).toBe(
      "container processor: resources.limits.memory",
    );
    expect(driftFieldName("metadata.labels.syncdeck.io/revision")).toBe("label syncdeck.io/revision");
    expect(driftFieldName("spec.strategy.type")).toBe("spec.strategy.type");
  });

  it("says what the field holds now and what SyncDeck applied, without JSON quotes", () => {
    expect(driftFieldInWords({ path: "spec.replicas", applied: "3", live: "5" })).toBe(
      "replicas is 5 (SyncDeck applied 3)",
    );
    expect(
      driftFieldInWords({
        path: "spec.template.spec.containers[processor].image",
        applied: '"registry.invalid/syncdeck:1.0.0"',
        live: '"registry.invalid/other:9.9"',
      }),
    ).toBe("image is registry.invalid/other:9.9 (SyncDeck applied registry.invalid/syncdeck:1.0.0)");
    expect(
      driftFieldInWords({
        path: "spec.template.spec.containers[processor].env[EXTRA]",
        applied: "(absent)",
        live: "present",
      }),
    ).toBe("setting EXTRA was added (present)");
    expect(driftFieldInWords({ path: "spec.replicas", applied: "3", live: "(absent)" })).toBe("replicas was removed");
  });
});
