import { ClipboardList } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { SurfacePage } from "@/components/shell/surface-page";

export const metadata = { title: "Audit" };

export default function AuditPage() {
  return (
    <SurfacePage permission="audit.read" title="Audit" description="Every change and every reveal of unmasked health data: who, what, when.">
      {() => (
        <EmptyState icon={ClipboardList} title="No audit events yet">
          Mutations and reveals of unmasked data are recorded here, append-only.
        </EmptyState>
      )}
    </SurfacePage>
  );
}
