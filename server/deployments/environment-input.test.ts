import { describe, expect, it } from "vitest";
import { firstProblem, newEnvironment, parseSettings } from "./environment-input";

const valid = { id: "staging", title: "Staging", driver: "local", settings: {}, protected: false };

describe("a new environment", () => {
  it("accepts a local environment without settings", () => {
    expect(newEnvironment.parse(valid)).toEqual(valid);
  });

  it("refuses names people could not type into a URL or a label", () => {
    for (const id of ["Staging", "s", "prod_eu", "-prod", "prod-", "a".repeat(41), "1prod"]) {
      const parsed = newEnvironment.safeParse({ ...valid, id });
      expect(parsed.success, id).toBe(false);
      if (!parsed.success) expect(firstProblem(parsed.error)).toMatch(/^id: an environment name is 2–40 characters/);
    }
  });

  it("names the drivers this build has when the driver is unknown", () => {
    const parsed = newEnvironment.safeParse({ ...valid, driver: "nomad" });
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(firstProblem(parsed.error)).toBe('driver: unknown driver "nomad"; this build has: local, kubernetes');
  });

  it("accepts a kubernetes environment with its namespace and image, and says what is wrong with bad settings", () => {
    const kubernetes = {
      ...valid,
      driver: "kubernetes",
      settings: { namespace: "syncdeck-prod", image: "registry.example.com/syncdeck", memoryLimit: "1Gi" },
    };
    expect(newEnvironment.parse(kubernetes)).toEqual(kubernetes);
    const missing = newEnvironment.safeParse({ ...kubernetes, settings: { image: "registry.example.com/syncdeck" } });
    expect(missing.success).toBe(false);
    if (!missing.success) expect(firstProblem(missing.error)).toMatch(/^settings: setting namespace: /);
    const tagged = newEnvironment.safeParse({
      ...kubernetes,
      settings: { namespace: "x", image: "registry.example.com/syncdeck:1.0" },
    });
    expect(tagged.success).toBe(false);
    if (!tagged.success)
      expect(firstProblem(tagged.error)).toBe(
        "settings: setting image: must not carry a tag: the tag is each revision's version",
      );
    const extra = newEnvironment.safeParse({ ...kubernetes, settings: { ...kubernetes.settings, replicas: "3" } });
    expect(extra.success).toBe(false);
    if (!extra.success) expect(firstProblem(extra.error)).toBe("settings: driver kubernetes takes no setting replicas");
  });

  it("refuses settings the driver does not take", () => {
    const parsed = newEnvironment.safeParse({ ...valid, settings: { namespace: "x" } });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(firstProblem(parsed.error)).toBe("settings: driver local takes no setting namespace");
  });
});

describe("settings from the command line", () => {
  it("reads key=value pairs, keeping = inside values", () => {
    expect(parseSettings(["namespace=sync", "label=a=b"])).toEqual({ settings: { namespace: "sync", label: "a=b" } });
  });

  it("says which pair is malformed", () => {
    expect(parseSettings(["namespace"])).toEqual({ error: '--set expects key=value, got "namespace"' });
    expect(parseSettings(["=x"])).toEqual({ error: '--set expects key=value, got "=x"' });
  });
});
