import { ClusterAdmin } from "@/components/admin/cluster-admin";
import { EnvironmentAdmin } from "@/components/admin/environment-admin";
import { UserAdmin } from "@/components/admin/user-admin";
import { Forbidden } from "@/components/shell/forbidden";
import { SurfacePage } from "@/components/shell/surface-page";
import { decideGlobalAccess } from "@/server/auth/access";
import { listClustersForAdmin } from "@/server/clusters/cluster-admin";
import { listEnvironmentsForAdmin } from "@/server/deployments/environment-admin";
import { DRIVERS } from "@/server/deployments/environment-input";
import { listLiveTenants } from "@/server/tenants/list-tenants";
import { listScopeEnvironments, listUsers } from "@/server/admin/list-users";

export const metadata = { title: "Admin" };

export default function AdminPage() {
  return (
    <SurfacePage
      permission="user.manage"
      title="Admin"
      description="Users, roles and the tenants they may see; the environments processors run in and their Kafka clusters."
    >
      {async (viewer) => {
        // user.manage from a tenant membership opens the page but does not reach users platform-wide.
        const global = decideGlobalAccess(viewer, "user.manage");
        if (!global.allowed) return <Forbidden reason={global.reason} />;
        const environmentsAllowed = decideGlobalAccess(viewer, "environment.manage").allowed;
        const [users, tenants, environments, clusters, environmentChoices] = await Promise.all([
          listUsers(viewer, { pageSize: "50" }),
          listLiveTenants(viewer),
          environmentsAllowed ? listEnvironmentsForAdmin(viewer) : null,
          environmentsAllowed ? listClustersForAdmin(viewer) : null,
          listScopeEnvironments(viewer),
        ]);
        return (
          <>
            <UserAdmin
              initial={users}
              tenants={tenants.map(({ id, slug, name }) => ({ id, slug, name }))}
              environments={environmentChoices}
            />
            {environments && <EnvironmentAdmin environments={environments} drivers={[...DRIVERS]} />}
            {environments && clusters && (
              <ClusterAdmin clusters={clusters.clusters} environments={environments.map((e) => e.id)} />
            )}
          </>
        );
      }}
    </SurfacePage>
  );
}
