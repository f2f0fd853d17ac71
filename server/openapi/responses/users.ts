import { z } from "zod";
import { component, obj } from "./registry";

export const userSummary = component(
  "User",
  obj({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    globalRole: z.string().nullable(),
    memberships: z.array(
      obj({ tenantId: z.string(), tenantSlug: z.string(), tenantName: z.string(), role: z.string() }),
    ),
    environments: z
      .array(z.string())
      .describe("the environments whose deployments the user may change; empty: every one"),
    disabled: z.boolean(),
    signsInWith: z.enum(["password", "sso"]),
    createdAt: z.string(),
    lastLoginAt: z.string().nullable(),
  }),
);

export const userList = obj({
  users: z.array(userSummary),
  page: z.number().int().describe("1-based page"),
  pageSize: z.number().int(),
  total: z.number().int().describe("rows over all pages"),
  enabledAdminIds: z.array(z.string()).describe("every enabled admin, on any page (the last-admin guard)"),
});
export const createdUser = obj({
  user: userSummary,
  generatedPassword: z.string().nullable().describe("the generated password, shown this once; null when one was sent"),
});
export const updatedUser = obj({ user: userSummary });
export const userSessions = obj({
  sessions: z.array(
    obj({
      id: z.string(),
      createdAt: z.string(),
      lastSeenAt: z.string(),
      expiresAt: z.string(),
      sourceAddress: z.string(),
      userAgent: z.string(),
    }),
  ),
});
export const sessionsEnded = obj({ ended: z.number() });
