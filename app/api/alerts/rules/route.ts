import { NextResponse } from "next/server";
import { apiRoute } from "@/server/http/route";
import { readJsonBody, requestContext } from "@/server/http/json-body";
import { assertAllowed } from "@/server/auth/viewer";
import { createRule } from "@/server/alerts/manage-rules";

/** Creates an alert rule: { tenant, kind, name, stage?, threshold?, statuses?, forMinutes?, webhookUrl? } */
export const POST = apiRoute(async ({ request, viewer, requestId }) => {
  assertAllowed(viewer, "alert.manage"); // before reading the body
  const rule = await createRule(viewer, requestContext(request, requestId), await readJsonBody(request));
  return NextResponse.json({ rule }, { status: 201 });
});
