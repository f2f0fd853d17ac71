import "server-only";
import type { NextRequest } from "next/server";
import { readJsonBody } from "@/server/http/json-body";

/** Actions whose body is optional (only a reason): an empty body is `{}`. */
export async function optionalJsonBody(request: NextRequest): Promise<unknown> {
  if (!request.body || (await request.clone().text()).trim() === "") return {};
  return readJsonBody(request);
}
