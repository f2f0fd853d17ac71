/**
 * The request form's state and its mapping to the API body, kept pure: the slug suggestion, the
 * body the API gets, the field errors (the same zod schema as the server, so the messages match)
 * and the prefill of a declined request being edited.
 */
import { SOURCE_TABLES } from "@/lib/contract/topics";
import { tenantRequestInput } from "@/server/tenants/request-input";

export type ContactRow = { name: string; email: string };

export type RequestFormState = {
  name: string;
  slug: string;
  /** once the slug is typed by hand, the name no longer rewrites it */
  slugEdited: boolean;
  contacts: ContactRow[];
  sourceKind: "managed" | "external";
  host: string;
  port: string;
  database: string;
  user: string;
  expectedDailyChanges: string;
  peakChangesPerSecond: string;
  entities: string[];
  environment: string;
};

export function emptyRequestForm(environment: string): RequestFormState {
  return {
    name: "",
    slug: "",
    slugEdited: false,
    contacts: [{ name: "", email: "" }],
    sourceKind: "managed",
    host: "",
    port: "5432",
    database: "",
    user: "",
    expectedDailyChanges: "",
    peakChangesPerSecond: "",
    entities: [...SOURCE_TABLES],
    environment,
  };
}

/** "Initech Pharmacy, Inc." → "initech-pharmacy-inc": lower case, dashes between words, a letter first, 40 at most. */
export function suggestSlug(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");
  return words
    .replace(/^[^a-z]+/, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

/** The name changes the slug until the slug has been typed by hand. */
export function withName(state: RequestFormState, name: string): RequestFormState {
  return { ...state, name, slug: state.slugEdited ? state.slug : suggestSlug(name) };
}

/** A blank number field is left out, so the schema says it is required rather than that it is 0. */
const toNumber = (text: string): number | undefined => (text.trim() === "" ? undefined : Number(text));

export function requestBody(state: RequestFormState) {
  const source =
    state.sourceKind === "managed"
      ? { kind: "managed" as const }
      : {
          kind: "external" as const,
          host: state.host,
          port: toNumber(state.port),
          database: state.database,
          user: state.user,
        };
  return {
    name: state.name,
    slug: state.slug,
    contacts: state.contacts,
    source,
    expectedDailyChanges: toNumber(state.expectedDailyChanges),
    peakChangesPerSecond: toNumber(state.peakChangesPerSecond),
    entities: SOURCE_TABLES.filter((t) => state.entities.includes(t)),
    environment: state.environment,
  };
}

/** Field → first message, keyed by path ("slug", "contacts.0.email", "source.host"). */
export function fieldErrors(state: RequestFormState): Record<string, string> {
  const parsed = tenantRequestInput.safeParse(requestBody(state));
  const errors: Record<string, string> = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The volume fields as numbers for the live partition preview (blank or invalid counts as 0). */
export function previewVolume(state: RequestFormState): { expectedDailyChanges: number; peakChangesPerSecond: number } {
  const safe = (text: string) => {
    const n = Number(text);
    return Number.isFinite(n) && n > 0 ? n : 0;
  };
  return {
    expectedDailyChanges: safe(state.expectedDailyChanges),
    peakChangesPerSecond: safe(state.peakChangesPerSecond),
  };
}

type StoredRequest = {
  name: string;
  slug: string;
  contacts: ContactRow[];
  sourceInput: unknown;
  expectedDailyChanges: number;
  peakChangesPerSecond: number;
  entities: string[];
  environmentId: string | null;
};

/** A declined request, back in the form for "Edit and resubmit"; an assigned password secret is not carried over (an admin assigns it again). */
export function formFromRequest(tenant: StoredRequest, fallbackEnvironment: string): RequestFormState {
  const source = (tenant.sourceInput ?? {}) as Partial<Record<"kind" | "host" | "database" | "user", string>> & {
    port?: number;
  };
  const base = emptyRequestForm(tenant.environmentId ?? fallbackEnvironment);
  return {
    ...base,
    name: tenant.name,
    slug: tenant.slug,
    slugEdited: true,
    contacts: tenant.contacts.length ? tenant.contacts.map((c) => ({ name: c.name, email: c.email })) : base.contacts,
    ...(source.kind === "external"
      ? {
          sourceKind: "external" as const,
          host: source.host ?? "",
          port: String(source.port ?? 5432),
          database: source.database ?? "",
          user: source.user ?? "",
        }
      : {}),
    expectedDailyChanges: String(tenant.expectedDailyChanges),
    peakChangesPerSecond: String(tenant.peakChangesPerSecond),
    entities: [...tenant.entities],
  };
}
