import { StatusPill, type Tone } from "@/components/ui/status-dot";

const STATE_TONE: Record<string, Tone> = {
  RUNNING: "ok",
  PAUSED: "warn",
  STOPPED: "warn",
  RESTARTING: "warn",
  UNASSIGNED: "stall",
  FAILED: "err",
  MISSING: "err",
  UNREACHABLE: "err",
};

export function ConnectorStatePill({ state, title }: { state: string; title?: string }) {
  return <StatusPill tone={STATE_TONE[state] ?? "idle"} label={state} title={title} />;
}

export const formatRateOf = (perSecond: number | null) =>
  perSecond === null ? "not measured yet" : `${perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond)} msgs/s`;
