import { StatusPill, type Tone } from "@/components/ui/status-dot";
import type { SyncState } from "@/server/lookup/sync-state";

const LOOK: Record<SyncState["kind"], { tone: Tone; label: string }> = {
  in_sync: { tone: "ok", label: "In sync" },
  in_flight: { tone: "warn", label: "In flight" },
  retrying: { tone: "stall", label: "Retrying" },
  failed: { tone: "err", label: "Failed" },
  missing: { tone: "rewind", label: "Missing in target" },
  differs: { tone: "rewind", label: "Differs from source" },
};

export function SyncStatePill({ state }: { state: SyncState }) {
  return <StatusPill tone={LOOK[state.kind].tone} label={LOOK[state.kind].label} />;
}
