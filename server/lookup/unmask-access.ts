import { decideAccess, type Viewer } from "@/server/auth/access";

/** Whether the viewer sees a tenant's member data unmasked: `entity.read_unmasked` in that tenant. */
export function canSeeUnmasked(viewer: Viewer, tenantId: string): boolean {
  return decideAccess(viewer, "entity.read_unmasked", tenantId).allowed;
}
