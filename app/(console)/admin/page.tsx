import { ShieldCheck } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { SurfacePage } from "@/components/shell/surface-page";

export const metadata = { title: "Admin" };

export default function AdminPage() {
  return (
    <SurfacePage permission="user.manage" title="Admin" description="Users, roles and the tenants they may see.">
      {() => (
        <EmptyState icon={ShieldCheck} title="User administration">
          Create users, assign roles and tenant memberships, and disable accounts.
        </EmptyState>
      )}
    </SurfacePage>
  );
}
