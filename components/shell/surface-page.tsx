import { PageHeader } from "@/components/ui/page-header";
import { pageAccess } from "@/server/auth/page-access";
import type { Permission } from "@/server/auth/permissions";
import type { Viewer } from "@/server/auth/access";
import { Forbidden } from "./forbidden";

/** A console page: its header, and its content only when the viewer holds `permission`. */
export async function SurfacePage({
  permission,
  title,
  description,
  actions,
  children,
}: {
  permission: Permission;
  title: string;
  description: string;
  /** header buttons, shown only when the viewer may open the page */
  actions?: React.ReactNode;
  children: (viewer: Viewer) => React.ReactNode | Promise<React.ReactNode>;
}) {
  const { viewer, decision } = await pageAccess(permission);
  return (
    <>
      <PageHeader title={title} description={description} actions={decision.allowed ? actions : undefined} />
      {decision.allowed ? await children(viewer) : <Forbidden reason={decision.reason} />}
    </>
  );
}
