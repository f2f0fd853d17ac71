import { StatusPill, type Tone } from "@/components/ui/status-dot";

const TONES: Record<string, Tone> = {
  OK: "ok",
  WARN: "warn",
  STALL: "stall",
  STOP: "err",
  ERR: "err",
  REWIND: "rewind",
  NO_DATA: "idle",
};

export function LagStatusPill({ status, reason }: { status: string; reason?: string }) {
  return <StatusPill tone={TONES[status] ?? "idle"} label={status === "NO_DATA" ? "No data" : status} title={reason} />;
}
