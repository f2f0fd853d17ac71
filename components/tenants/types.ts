/** The tenant API's JSON as the browser sees it (dates are ISO strings). */
import type { getTenantDetail, listRequests } from "@/server/tenants/service";
import type { Check } from "@/server/tenants/preflight";
import type { VolumePlan } from "@/server/tenants/partitions";

export type TenantDetailJson = Awaited<ReturnType<typeof getTenantDetail>>;
export type TenantJobJson = TenantDetailJson["jobs"][number];
export type TenantRequestsJson = Awaited<ReturnType<typeof listRequests>>;
export type TenantRequestRow = TenantRequestsJson["requests"][number];
export type PreflightJson = { checks: Check[]; plan: VolumePlan };
export type EnvironmentChoice = { id: string; name: string };
