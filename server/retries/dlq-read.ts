import "server-only";
import { z } from "zod";
import type { Viewer } from "@/server/auth/access";
import { recordAudit, type RequestContext } from "@/server/audit/record-audit";
import { getPrisma } from "@/server/db/client";
import { canSeeUnmasked } from "@/server/lookup/unmask-access";
import { AppError } from "@/server/errors";
import { isBigintId } from "@/server/lib/bounded-values";
import { LIST_COLUMNS, listDlqPageForTenant, toListRow, type DlqListRow, type RawListRow } from "./dlq-page";
import { showPayload, type ShownPayload } from "./mask-payload";
import type { Tenant } from "@/server/auth/resolve-tenant";

export type { DlqListRow } from "./dlq-page";

/** The permission a list needs: retry.read for the retry topics, dlq.read for dead letters. */
export const listPermission = (input: unknown) =>
  (input as { kind?: string })?.kind === "retry" ? "retry.read" : "dlq.read";

/** A page of the list, in a tenant resolved for the viewer with listPermission(input). */
export async function listDlq(tenant: Tenant, input: unknown) {
  return listDlqPageForTenant(tenant.slug, input);
}

export const detailQuery = z.object({ unmasked: z.enum(["0", "1"]).default("0") }).strict();

export type DlqDetail = DlqListRow & {
  errorMessage: string;
  originalTopic: string | null;
  originalPartition: number | null;
  originalOffset: string | null;
  firstFailedAt: string | null;
  headers: Record<string, string>;
  payload: ShownPayload;
  masked: boolean;
  canUnmask: boolean;
  stateReason: string | null;
  stateBy: string | null;
  stateAt: string | null;
};

/**
 * One record with headers and payload, in a tenant resolved for the viewer with dlq.read; health data
 * masked unless asked for and allowed (then audited).
 */
export async function getDlqMessage(
  viewer: Viewer,
  context: RequestContext,
  tenant: Tenant,
  id: string,
  input: unknown,
): Promise<DlqDetail> {
  const { unmasked } = detailQuery.parse(input);
  if (!isBigintId(id))
    throw new AppError("BAD_REQUEST", "the message id must be a whole number from 1 to 9223372036854775807");
  const rows = await getPrisma().$queryRawUnsafe<Array<RawListRow & Record<string, unknown>>>(
    `SELECT ${LIST_COLUMNS}, error_message AS "fullMessage", original_topic AS "originalTopic", original_partition AS "originalPartition",
       original_offset::text AS "originalOffset", first_failed_at AS "firstFailedAt", headers, payload,
       state_reason AS "stateReason", state_by AS "stateBy", state_at AS "stateAt"
     FROM dlq_messages WHERE tenant = $1 AND id = $2::bigint`,
    tenant.slug,
    id,
  );
  const row = rows[0];
  if (!row) throw new AppError("NOT_FOUND", `No message ${id} in tenant ${tenant.slug}`);
  const canUnmask = canSeeUnmasked(viewer, tenant.id);
  const reveal = unmasked === "1";
  if (reveal && !canUnmask)
    throw new AppError("FORBIDDEN", "Your role does not include entity.read_unmasked in this tenant");
  if (reveal)
    await recordAudit(viewer, context, {
      action: "dlq.read_unmasked",
      target: `${row.topic}:${row.partition}:${row.offset}`,
      tenantId: tenant.id,
    });
  const time = (v: unknown) => (v instanceof Date ? v.toISOString() : null);
  return {
    ...toListRow(row),
    errorMessage: row.fullMessage as string,
    originalTopic: row.originalTopic as string | null,
    originalPartition: row.originalPartition as number | null,
    originalOffset: row.originalOffset as string | null,
    firstFailedAt: time(row.firstFailedAt),
    headers: row.headers as Record<string, string>,
    payload: showPayload(row.payload ? Buffer.from(row.payload as Uint8Array) : null, reveal),
    masked: !reveal,
    canUnmask,
    stateReason: row.stateReason as string | null,
    stateBy: row.stateBy as string | null,
    stateAt: time(row.stateAt),
  };
}
