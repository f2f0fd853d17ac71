import { apiRoute } from "@/server/http/route";
import { getPlatformStatus } from "@/server/platform/status";

export const GET = apiRoute(({ viewer }) => getPlatformStatus(viewer));
