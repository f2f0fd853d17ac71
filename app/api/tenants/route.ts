import { apiRoute } from "@/server/http/route";
import { listTenants } from "@/server/tenants/list-tenants";

export const GET = apiRoute(async ({ viewer }) => ({ tenants: await listTenants(viewer) }));
