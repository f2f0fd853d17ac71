/**
 * Where a run reads a tenant's source. A tenant from onboarding has its source stored (managed or
 * external, tenants/source.ts); one with no stored source at all — the demo's tenants, set up
 * before onboarding existed — has the managed database source_<tenant> on the source server, as
 * entity lookup and re-sync assume.
 */
import "server-only";
import { ZodError } from "zod";
import type { SourceTarget } from "@/lib/source-db/source-client";
import { databaseUrl, sourceDatabaseName } from "@/lib/source-db/source-db";
import { resolveSource, sourceServerUrl } from "../tenants/source";

/** The connection settings (with the source's TLS rules and registered secret) a run reads the source with. */
export function reconcileSource(slug: string, stored: unknown, env: Record<string, string | undefined>): SourceTarget {
  const nothingStored =
    stored === null ||
    stored === undefined ||
    (typeof stored === "object" && !Array.isArray(stored) && Object.keys(stored).length === 0);
  if (nothingStored) return databaseUrl(sourceServerUrl(env), sourceDatabaseName(slug));
  try {
    return resolveSource(slug, stored, env).target;
  } catch (error) {
    const reason =
      error instanceof ZodError
        ? "it does not validate as a managed or external source"
        : error instanceof Error
          ? error.message
          : String(error);
    throw new Error(`the stored source of ${slug} cannot be used: ${reason}`);
  }
}
