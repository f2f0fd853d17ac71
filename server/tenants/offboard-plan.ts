/** What offboarding deletes and what it keeps, listed before the typed confirmation. */
import "server-only";
import { STAGES, consumerGroup } from "@/lib/contract/topics";
import { sourceDatabaseName } from "@/lib/source-db/source-db";
import { connectorName, slotName } from "@/lib/connect/connector-config";
import { allTenantTopics, retiredTenantTopics } from "./tenant-topics";

export function offboardPlan(
  slug: string,
  sourceKind: "managed" | "external" | "unknown",
): { deleted: string[]; kept: string[] } {
  return {
    deleted: [
      `the processors (${STAGES.join(", ")}): stopped, their deployment history stays`,
      `connector ${connectorName(slug)}`,
      `replication slot and publication ${slotName(slug)} on the source`,
      `topics ${allTenantTopics(slug).join(", ")} — with every message in them, dead letters included (and ${retiredTenantTopics(slug).join(", ")} of earlier versions, if present)`,
      `consumer groups ${STAGES.map((s) => consumerGroup(slug, s)).join(", ")}`,
      "staff memberships of the tenant; its alert rules are switched off",
    ],
    kept: [
      sourceKind === "managed"
        ? `the source database ${sourceDatabaseName(slug)} and its rows`
        : "the tenant's own source database, untouched but for the slot and publication",
      "the synced target rows (members, claims) and the event trail",
      "the tenant record, its timeline and the audit log",
      "the dead-letter index rows and alert history",
    ],
  };
}
