/**
 * What an environment is made of, as data: an id people type (`staging`, `prod-eu`), a title, a
 * driver with its settings, and whether deployments there need an admin's approval. Pure; the
 * `syncdeck environment` command and (later) the API validate with these schemas.
 */
import { z } from "zod";
import { kubernetesSettingsSchema } from "./kubernetes/settings-schema";

/** Drivers this build can run, each with the settings it accepts (unknown keys are refused). */
export const DRIVER_SETTINGS = {
  /** child processes on the agent's host; nothing to configure */
  local: z.object({}).strict(),
  /** one Deployment per target in a namespace of a cluster (server/deployments/kubernetes/) */
  kubernetes: kubernetesSettingsSchema,
} as const;

export type DriverName = keyof typeof DRIVER_SETTINGS;
export const DRIVERS = Object.keys(DRIVER_SETTINGS) as DriverName[];

export const environmentId = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/,
    "an environment name is 2–40 characters: lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen",
  );

export const newEnvironment = z
  .object({
    id: environmentId,
    title: z.string().trim().min(1, "the title is empty").max(100, "the title is longer than 100 characters"),
    driver: z.string().refine((d): d is DriverName => d in DRIVER_SETTINGS, {
      error: (i) => `unknown driver "${String(i.input)}"; this build has: ${DRIVERS.join(", ")}`,
    }),
    settings: z.record(z.string(), z.string()),
    protected: z.boolean(),
  })
  .superRefine((value, ctx) => {
    const schema = DRIVER_SETTINGS[value.driver as DriverName];
    if (!schema) return;
    const parsed = schema.safeParse(value.settings);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const keys = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : issue.path.join(".");
        ctx.addIssue({
          code: "custom",
          path: ["settings"],
          message:
            issue.code === "unrecognized_keys"
              ? `driver ${value.driver} takes no setting ${keys}`
              : `setting ${keys}: ${issue.message}`,
        });
      }
    }
  });

export type NewEnvironment = z.infer<typeof newEnvironment>;

/** The API's request body: title (default: the name), settings ({}) and protected (false) may be left out. */
export const environmentRequest = z
  .object({
    id: z.unknown(),
    title: z.unknown().optional(),
    driver: z.unknown(),
    settings: z.unknown().default({}),
    protected: z.unknown().default(false),
  })
  .strict()
  .transform((body) => ({ ...body, title: body.title ?? body.id }))
  .pipe(newEnvironment);

/** A change to an existing environment: its title, protection and driver settings (not its name or driver). */
export const environmentChange = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, "the title is empty")
      .max(100, "the title is longer than 100 characters")
      .optional(),
    protected: z.boolean().optional(),
    settings: z.record(z.string(), z.string()).optional(),
  })
  .strict()
  .refine(
    (c) => c.title !== undefined || c.protected !== undefined || c.settings !== undefined,
    "nothing to change: give title, protected or settings",
  );

export type EnvironmentChange = z.infer<typeof environmentChange>;

/** The settings problem of a driver, in words; null when the driver takes them. */
export function settingsProblem(driver: string, settings: Record<string, string>): string | null {
  const schema = DRIVER_SETTINGS[driver as DriverName];
  if (!schema) return `unknown driver "${driver}"`;
  const parsed = schema.safeParse(settings);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return issue.code === "unrecognized_keys"
    ? `driver ${driver} takes no setting ${issue.keys.join(", ")}`
    : `setting ${issue.path.join(".")}: ${issue.message}`;
}

/** `key=value` pairs from the command line into a settings object; a pair without `=` is an error. */
export function parseSettings(pairs: readonly string[]): { settings: Record<string, string> } | { error: string } {
  const settings: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) return { error: `--set expects key=value, got "${pair}"` };
    settings[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { settings };
}

/** The first problem of a failed parse, in words, with the field it concerns. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid environment";
  const field = issue.path.length ? `${issue.path.join(".")}: ` : "";
  return `${field}${issue.message}`;
}
