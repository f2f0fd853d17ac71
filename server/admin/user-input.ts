import { z } from "zod";
import { ROLES } from "@/server/auth/permissions";

/** Request bodies of the user-administration API; `.strict()` so unknown fields are a clear 400. */
const roleName = z.enum(ROLES);

export const membershipInput = z
  .object({ tenantId: z.uuid("tenantId must be a tenant's id (uuid)"), role: roleName })
  .strict();

const memberships = z
  .array(membershipInput)
  .max(100)
  .refine((list) => new Set(list.map((m) => m.tenantId)).size === list.length, "each tenant may appear only once");

export const createUserInput = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email("email must be an email address").max(320)),
    name: z.string().trim().min(1, "name is required").max(200),
    /** Omit to have one generated and shown once. */
    password: z.string().min(12, "password must have at least 12 characters").max(200).optional(),
    globalRole: roleName.nullable().default(null),
    memberships: memberships.default([]),
  })
  .strict();

export const updateUserInput = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    globalRole: roleName.nullable().optional(),
    memberships: memberships.optional(),
    disabled: z.boolean().optional(),
    /** The environments whose deployments the user may change; [] for every one. */
    environments: z
      .array(z.string().min(1).max(40), { error: "environments must be a list of environment ids" })
      .max(50)
      .optional(),
    /** A new password; ends the user's open sessions. */
    password: z.string().min(12, "password must have at least 12 characters").max(200).optional(),
  })
  .strict()
  .refine(
    (body) => Object.keys(body).length > 0,
    "nothing to change: send name, globalRole, memberships, disabled, environments or password",
  );

export const userIdParam = z.uuid("user id must be a uuid");

export type CreateUserInput = z.infer<typeof createUserInput>;
export type UpdateUserInput = z.infer<typeof updateUserInput>;
