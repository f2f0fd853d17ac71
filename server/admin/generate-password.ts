import { randomBytes } from "node:crypto";

/** 18 random bytes → 24 URL-safe characters, shown once and never stored in clear. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}
