import { ShieldAlert } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";

export function Forbidden({ reason }: { reason: string }) {
  return (
    <EmptyState icon={ShieldAlert} title="You don't have access to this page">
      <p>{reason}. Ask an admin for a role that includes it.</p>
    </EmptyState>
  );
}
