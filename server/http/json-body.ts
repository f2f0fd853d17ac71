import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/server/errors";
import { clientAddress } from "@/server/auth/client-address";
import type { RequestContext } from "@/server/audit/record-audit";
import { nulPath } from "./json-nul";

export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** The request body as parsed JSON: 413 above `maxBytes`, 400 for anything that is not JSON or carries a NUL. */
export async function readJsonBody(request: NextRequest, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", `request body is larger than ${maxBytes} bytes`);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes)
    throw new AppError("PAYLOAD_TOO_LARGE", `request body is larger than ${maxBytes} bytes`);
  if (text.trim() === "") throw new AppError("BAD_REQUEST", "request body is empty; send a JSON object");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "request body is not valid JSON");
  }
  const nul = nulPath(body);
  if (nul) throw new AppError("BAD_REQUEST", `${nul}: contains a NUL character`);
  return body;
}

export function requestContext(request: NextRequest, requestId: string): RequestContext {
  return { requestId, sourceAddress: clientAddress(request.headers) };
}
