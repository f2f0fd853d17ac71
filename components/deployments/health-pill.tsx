import { StatusPill, type Tone } from "@/components/ui/status-dot";
import type { Health } from "./types";

const TONES: Record<Health, Tone> = {
  Healthy: "ok",
  Progressing: "rewind",
  Degraded: "err",
  Suspended: "idle",
  Missing: "stall",
  Unknown: "warn",
};

export function HealthPill({ health, reason }: { health: Health; reason: string }) {
  return <StatusPill tone={TONES[health]} label={health} title={reason} />;
}

const STATE_TONES: Record<string, Tone> = {
  SUCCEEDED: "ok",
  FAILED: "err",
  CANCELED: "idle",
  ROLLING_OUT: "rewind",
  QUEUED: "warn",
  PENDING_APPROVAL: "warn",
};

export function StatePill({ state }: { state: string }) {
  return <StatusPill tone={STATE_TONES[state] ?? "idle"} label={state.replace("_", " ").toLowerCase()} />;
}
