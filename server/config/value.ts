/**
 * One variable's value, parsed by its catalogue entry: for settings read where they are used (a
 * cache's lifetime, an interval), so the rule and the default are the catalogue's. Light: the
 * cross-variable rules are in ./load.ts.
 */
import { z } from "zod";
import { VARIABLES, type Catalogue, type FamilySpec, type VariableName, type VariableSpec } from "./catalogue";

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

export type ConfigValue<K extends VariableName> =
  z.output<Catalogue[K]["schema"]> | (Catalogue[K] extends { default: string } ? never : undefined);

export const rawValue = (env: Env, name: string): string | undefined => {
  const raw = env[name];
  return raw === undefined || raw.trim() === "" ? undefined : raw;
};

/** `NAME must …, got "value"`: the name once, the value only when it is not a secret and not already quoted. */
export function describeProblem(
  name: string,
  spec: Pick<VariableSpec, "secret">,
  raw: string,
  message: string,
): string {
  const named = message.startsWith(name) ? message : `${name} ${message}`;
  if (spec.secret || /\bgot\b/.test(message) || message.includes(`"${raw}"`)) return named;
  const shown = raw.length > 80 ? `${raw.slice(0, 77)}...` : raw;
  return `${named}, got ${JSON.stringify(shown)}`;
}

export function parseValue(
  name: string,
  spec: VariableSpec | FamilySpec,
  raw: string,
): { value: unknown } | { problem: ConfigProblem } {
  const parsed = spec.schema.safeParse(raw);
  if (parsed.success) return { value: parsed.data };
  return {
    problem: {
      variable: name,
      message: describeProblem(name, spec, raw, parsed.error.issues[0]?.message ?? "is not valid"),
    },
  };
}

export function unsetValue(spec: VariableSpec): unknown {
  if (spec.default !== undefined) return spec.schema.parse(spec.default);
  const fromSchema = spec.schema.safeParse(undefined);
  return fromSchema.success ? fromSchema.data : undefined;
}

/** One variable's typed value, its default when unset; throws a ConfigError when it is malformed. */
export function configValue<K extends VariableName>(name: K, env: Env = process.env): ConfigValue<K> {
  const spec: VariableSpec = VARIABLES[name];
  const raw = rawValue(env, name);
  if (raw === undefined) return unsetValue(spec) as ConfigValue<K>;
  const result = parseValue(name, spec, raw);
  if ("problem" in result) throw new ConfigError([result.problem]);
  return result.value as ConfigValue<K>;
}
