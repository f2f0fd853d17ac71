/**
 * Validating a process's configuration against the catalogue, once, at start: every variable the
 * process reads (./catalogue.ts `readBy`), the families with a name part, then the rules that join
 * several variables (Kafka TLS/SASL, SSO, trusted proxies). An empty variable counts as unset.
 */
import { z } from "zod";
import { proxyTrustFromEnv } from "@/server/auth/client-address";
import { oidcSettings } from "@/server/auth/oidc-settings";
import { KafkaConfigError, parseKafkaEnv } from "@/server/kafka/config";
import { FAMILIES, VARIABLES, type Catalogue, type FamilySpec, type ProcessName, type VariableName, type VariableSpec } from "./catalogue";

export type Env = Readonly<Record<string, string | undefined>>;
export type ConfigProblem = { variable: string; message: string };

/** What is wrong with the configuration; the message names each variable and what is wrong with it. */
export class ConfigError extends Error {
  readonly variable: string;
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map((p) => p.message).join("; "));
    this.name = "ConfigError";
    this.variable = problems[0]!.variable;
  }
}

export type ConfigValue<K extends VariableName> = z.output<Catalogue[K]["schema"]> | (Catalogue[K] extends { default: string } ? never : undefined);
export type LoadedConfig = { readonly [K in VariableName]?: ConfigValue<K> };

const KAFKA_PROCESSES: readonly ProcessName[] = ["console", "worker", "agent", "processor"];

const rawValue = (env: Env, name: string): string | undefined => {
  const raw = env[name];
  return raw === undefined || raw.trim() === "" ? undefined : raw;
};

/** `NAME must …, got "value"`: the name once, the value only when it is not a secret and not already quoted. */
export function describeProblem(name: string, spec: Pick<VariableSpec, "secret">, raw: string, message: string): string {
  const named = message.startsWith(name) ? message : `${name} ${message}`;
  if (spec.secret || /\bgot\b/.test(message) || message.includes(`"${raw}"`)) return named;
  const shown = raw.length > 80 ? `${raw.slice(0, 77)}...` : raw;
  return `${named}, got ${JSON.stringify(shown)}`;
}

function parseValue(name: string, spec: VariableSpec | FamilySpec, raw: string): { value: unknown } | { problem: ConfigProblem } {
  const parsed = spec.schema.safeParse(raw);
  if (parsed.success) return { value: parsed.data };
  return { problem: { variable: name, message: describeProblem(name, spec, raw, parsed.error.issues[0]?.message ?? "is not valid") } };
}

function unsetValue(spec: VariableSpec): unknown {
  if (spec.default !== undefined) return spec.schema.parse(spec.default);
  const fromSchema = spec.schema.safeParse(undefined);
  return fromSchema.success ? fromSchema.data : undefined;
}

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
      if (spec.requiredBy?.includes(process)) problems.push({ variable: name, message: `${name} is not set; ${spec.whenMissing ?? spec.meaning}` });
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
      if (error instanceof KafkaConfigError) throw new ConfigError([{ variable: error.variable, message: error.message }]);
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

/**
 * One variable's typed value, its default when unset; throws a ConfigError when it is malformed.
 * For settings read where they are used (a cache's lifetime, an interval), so the rule and the
 * default are the catalogue's.
 */
export function configValue<K extends VariableName>(name: K, env: Env = process.env): ConfigValue<K> {
  const spec: VariableSpec = VARIABLES[name];
  const raw = rawValue(env, name);
  if (raw === undefined) return unsetValue(spec) as ConfigValue<K>;
  const result = parseValue(name, spec, raw);
  if ("problem" in result) throw new ConfigError([result.problem]);
  return result.value as ConfigValue<K>;
}
