import "server-only";
import { ZodError } from "zod";
import { loadViewer } from "@/server/auth/load-viewer";
import { resolveTenant } from "@/server/auth/resolve-tenant";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { MoveView } from "@/server/tenants/move/move-view";
import { listTenantMoves, startTenantMove } from "@/server/tenants/move/service";
import { parseCommand, required } from "../args";
import { CliError } from "../cli-error";
import { withDatabase } from "../database";
import { operatorIdentity } from "../operator";
import { configuredDatabaseUrl } from "./migrate";

export const MOVE_HELP = `syncdeck move TENANT --to PLACEMENT --as EMAIL [--reason TEXT] [--wait]
syncdeck move TENANT --status

Moves a tenant's processors between a pool and dedicated processors: PLACEMENT is "dedicated" or a
pool's name (pool-…). As POST /api/tenants/TENANT/placement does, it needs deploy.create in the
tenant — the user EMAIL's, who is recorded as having asked (from this host) in the move, the
deployments it creates or stops, and the audit log. The placement changes at once; a running
worker (syncdeck worker, tenant-moves) then follows the move: release → consume → catch-up.
With --wait it prints each step until the move ends (exit 1 if it FAILED). --status prints the
tenant's latest moves.

Environment: DATABASE_URL (required).`;

const line = (m: MoveView) =>
  `${m.tenant}: ${m.from} → ${m.to} ${m.state} (${m.step}, ${m.percent}%) ${m.message}`.trimEnd();

export async function move(argv: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseCommand(
    "move",
    argv,
    {
      to: { type: "string" },
      as: { type: "string" },
      reason: { type: "string" },
      wait: { type: "boolean" },
      status: { type: "boolean" },
    },
    1,
  );
  if (values.help) return out(MOVE_HELP);
  const slug = positionals[0];
  if (!slug) throw new CliError("move: the TENANT's slug is required");
  configuredDatabaseUrl("move");
  if (values.status)
    return withDatabase(async () => {
      const tenant = await getPrisma().tenant.findUnique({ where: { slug } });
      if (!tenant) throw new CliError(`move: there is no tenant ${slug}`);
      const { moves, placement } = await listTenantMoves(tenant);
      out(`${slug}: ${placement}`);
      for (const m of moves) out(line(m));
    });
  const to = required("move", "to", values.to);
  const email = required("move", "as", values.as);

  await withDatabase(async () => {
    const viewer = await loadViewer({ email });
    if (!viewer) throw new CliError(`move: there is no enabled user ${email}`);
    const context = {
      requestId: `cli-${process.pid}-${Date.now().toString(36)}`,
      sourceAddress: operatorIdentity().address,
    };
    let started: MoveView;
    try {
      const tenant = await resolveTenant(viewer, slug, "deploy.create");
      started = await startTenantMove(viewer, context, tenant, { placement: to, reason: values.reason });
    } catch (error) {
      if (error instanceof ZodError)
        throw new CliError(
          `move: ${error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")}`,
        );
      if (error instanceof AppError) throw new CliError(`move: ${error.message}`, 1);
      throw error;
    }
    out(line(started));
    if (!values.wait) return;
    let shown = line(started);
    for (;;) {
      if (started.state !== "RUNNING") break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const tenant = await getPrisma().tenant.findUniqueOrThrow({ where: { slug } });
      started = (await listTenantMoves(tenant)).moves.find((m) => m.id === started.id) ?? started;
      if (line(started) !== shown) out((shown = line(started)));
    }
    if (started.state === "FAILED") throw new CliError(`move: FAILED: ${started.message}`, 1);
  });
}
