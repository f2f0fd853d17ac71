import { apiRoute } from "@/server/http/route";
import { openApiDocument } from "@/server/openapi/spec";

/** GET /api/openapi.json — the OpenAPI 3.1 description of this API (signed-in). */
export const GET = apiRoute(async () => openApiDocument());
