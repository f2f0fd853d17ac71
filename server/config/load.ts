/**
 * Validating a process's configuration against the catalogue, once, at start: every variable the
 * process reads (./catalogue.ts `readBy`), the families with a name part, then the rules that join
 * several variables (Kafka TLS/SASL, SSO, trusted proxies). An empty variable counts as unset.
 */
import { proxyTrustFromEnv } from "@/server/auth/client-address";
import { oidcSettings } from "@/server/auth/oidc-settings";
import { KafkaConfigError, parseKafkaEnv } from "@/lib/kafka/config";
import { FAMILIES, VARIABLES, type ProcessName, type VariableName, type VariableSpec } from "./catalogue";
import { ConfigError, parseValue, rawValue, unsetValue, type ConfigProblem, type ConfigValue, type Env } from "./value";

export { ConfigError, configValue, type ConfigProblem, type ConfigValue, type Env } from "./value";
export type LoadedConfig = { readonly [K in VariableName]?: ConfigValue<K> };

const KAFKA_PROCESSES: readonly ProcessName[] = ["console", "worker", "agent", "processor"];

/**
 * Validates every variable `process` reads and returns their typed values (defaults applied).
 * Throws a ConfigError listing each wrong or missing variable; nothing is half-checked.
 */
export function loadConfig(env: Env, process: ProcessName): LoadedConfig {
  const values: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const [name, spec] of Object.entries(VARIABLES) as [VariableName, VariableSpec][]) {
    if (!spec.readBy.includes(process)) continue;
    const raw = rawValue(env, name);
    if (raw === undefined) {
      if (spec.requiredBy?.includes(process))
        problems.push({ variable: name, message: `${name} is not set; ${spec.whenMissing ?? spec.meaning}` });
      else values[name] = unsetValue(spec);
      continue;
    }
    const result = parseValue(name, spec, raw);
    if ("problem" in result) problems.push(result.problem);
    else values[name] = result.value;
  }
  for (const name of Object.keys(env).sort()) {
    const family = FAMILIES.find((f) => f.readBy.includes(process) && f.matches(name));
    const raw = family && rawValue(env, name);
    if (!family || raw === undefined) continue;
    const result = parseValue(name, family, raw);
    if ("problem" in result) problems.push(result.problem);
  }
  if (problems.length) throw new ConfigError(problems);
  checkCombinations(env, process);
  return values as LoadedConfig;
}

/** Rules over several variables, kept in the modules that apply them. */
function checkCombinations(env: Env, process: ProcessName): void {
  if (KAFKA_PROCESSES.includes(process)) {
    try {
      parseKafkaEnv(env);
    } catch (error) {
      if (error instanceof KafkaConfigError)
        throw new ConfigError([{ variable: error.variable, message: error.message }]);
      throw error;
    }
  }
  if (process === "console") {
    rethrowAs("OIDC_ISSUER", () => oidcSettings(env));
    rethrowAs("TRUST_PROXY", () => proxyTrustFromEnv(env));
  }
}

function rethrowAs(variable: string, check: () => unknown): void {
  try {
    check();
  } catch (error) {
    throw new ConfigError([{ variable, message: (error as Error).message }]);
  }
}
