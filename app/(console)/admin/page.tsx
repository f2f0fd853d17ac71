import { UserAdmin } from "@/components/admin/user-admin";
import { Forbidden } from "@/components/shell/forbidden";
import { SurfacePage } from "@/components/shell/surface-page";
import { decideGlobalAccess } from "@/server/auth/access";
import { listLiveTenants } from "@/server/tenants/list-tenants";
import { listUsers } from "@/server/users/list-users";

export const metadata = { title: "Admin" };

export default function AdminPage() {
  return (
    <SurfacePage permission="user.manage" title="Admin" description="Users, roles and the tenants they may see.">
      {async (viewer) => {
        // user.manage from a tenant membership opens the page but does not reach users platform-wide.
        const global = decideGlobalAccess(viewer, "user.manage");
        if (!global.allowed) return <Forbidden reason={global.reason} />;
        const [users, tenants] = await Promise.all([listUsers(viewer), listLiveTenants(viewer)]);
        return <UserAdmin initialUsers={users} tenants={tenants.map(({ id, slug, name }) => ({ id, slug, name }))} />;
      }}
    </SurfacePage>
  );
}
