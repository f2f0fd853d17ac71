import "server-only";
import { redirect } from "next/navigation";
import { decideAccess, type AccessDecision, type Viewer } from "./access";
import type { Permission } from "./permissions";
import { getViewer } from "./viewer";

/** For pages: the signed-in viewer (or a redirect to sign-in) and whether they may open this page. */
export async function pageAccess(permission: Permission): Promise<{ viewer: Viewer; decision: AccessDecision }> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  return { viewer, decision: decideAccess(viewer, permission) };
}
