import { StatusPill, type Tone } from "@/components/ui/status-dot";

const TONES: Record<string, Tone> = {
  ACTIVE: "ok",
  SUBMITTED: "idle",
  APPROVED: "ok",
  PROVISIONING: "warn",
  PROVISION_FAILED: "err",
  DECLINED: "err",
  SUSPENDED: "stall",
  OFFBOARDED: "idle",
};

export function TenantStatus({ status }: { status: string }) {
  const label = status.charAt(0) + status.slice(1).toLowerCase().replaceAll("_", " ");
  return <StatusPill tone={TONES[status] ?? "idle"} label={label} />;
}
