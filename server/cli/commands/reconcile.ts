import { z } from "zod";
import { reconcileTenant } from "@/server/reconcile/reconcile";
import { reconcileSource } from "@/server/reconcile/source-target";
import { outcomeLines, reconcileExitCode, type TenantOutcome } from "@/server/reconcile/summary";
import { parseCommand } from "../args";
import { CliError } from "../cli-error";
import { withDatabase } from "../database";
import { configuredDatabaseUrl } from "./migrate";

export const RECONCILE_HELP = `syncdeck reconcile [--tenant SLUG] [--limit N] [--json]

Compares tenants' source databases with the target, once: every member and claim id with its
version on both sides, tombstones excluded. Without --tenant, every ACTIVE tenant. Prints per tenant
"in sync" or "DRIFT" with the counts of missing, extra and other-version rows and a few of their
ids (--json: the full results, listing up to --limit ids of each kind, default 1000).

Exit code: 0 = every tenant checked and in sync; 1 = drift found, or a tenant could not be checked;
2 = wrong usage or configuration (nothing checked). Run while changes flow, recent changes show as
drift until they arrive: check again before acting on it.

Environment: DATABASE_URL (required); SOURCE_DATABASE_SERVER_URL and SYNCDECK_SOURCE_SECRET_* as the
console has them, for the tenants' sources.`;

const limit = z.coerce.number({ error: "--limit must be a whole number from 1 to 100000" }).int().min(1).max(100_000);

/** Throws a CliError with exit code 1 when drift is found (after printing everything). */
export async function reconcile(argv: string[], out: (line: string) => void): Promise<void> {
  const { values } = parseCommand("reconcile", argv, {
    tenant: { type: "string" },
    limit: { type: "string" },
    json: { type: "boolean" },
  });
  if (values.help) return out(RECONCILE_HELP);
  const parsedLimit = limit.safeParse(values.limit ?? "1000");
  if (!parsedLimit.success) throw new CliError("reconcile: --limit must be a whole number from 1 to 100000");
  if (values.tenant !== undefined && values.tenant.trim() === "")
    throw new CliError("reconcile: --tenant needs a tenant's slug");
  const targetUrl = configuredDatabaseUrl("reconcile");

  const tenants = await withDatabase((db) =>
    db.tenant.findMany({
      where: values.tenant === undefined ? { status: "ACTIVE" } : { slug: values.tenant },
      select: { slug: true, source: true },
      orderBy: { slug: "asc" },
    }),
  );
  if (values.tenant !== undefined && tenants.length === 0)
    throw new CliError(`reconcile: there is no tenant ${values.tenant}`);
  if (tenants.length === 0) out("reconcile: no ACTIVE tenants; nothing to compare");

  const outcomes: TenantOutcome[] = [];
  for (const tenant of tenants) {
    try {
      const sourceUrl = reconcileSource(tenant.slug, tenant.source, process.env);
      outcomes.push({
        tenant: tenant.slug,
        result: await reconcileTenant({ tenant: tenant.slug, sourceUrl, targetUrl, limit: parsedLimit.data }),
      });
    } catch (error) {
      outcomes.push({ tenant: tenant.slug, error: error instanceof Error ? error.message : String(error) });
    }
  }
  if (values.json)
    out(
      JSON.stringify(
        outcomes.map((o) => ("result" in o ? o.result : o)),
        null,
        2,
      ),
    );
  else for (const outcome of outcomes) for (const line of outcomeLines(outcome)) out(line);

  if (reconcileExitCode(outcomes) !== 0) {
    const drifted = outcomes.filter((o) => "result" in o && !o.result.inSync).length;
    const unchecked = outcomes.filter((o) => "error" in o).length;
    throw new CliError(
      `reconcile: ${drifted} of ${outcomes.length} tenant(s) drifted${unchecked ? `, ${unchecked} could not be checked` : ""}`,
      1,
    );
  }
}
