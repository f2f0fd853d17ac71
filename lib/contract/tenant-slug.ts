import { z } from "zod";

/**
 * A tenant's slug: 3–40 lowercase letters, digits or dashes, starting with a letter and not ending
 * with a dash. It names the tenant's topics and groups (`sync.<slug>.…`), its pages and its source
 * database, so every place that accepts or parses one uses this rule.
 */
export const TENANT_SLUG_SOURCE = "[a-z][a-z0-9-]{1,38}[a-z0-9]";
export const TENANT_SLUG = new RegExp(`^${TENANT_SLUG_SOURCE}$`);

export function isTenantSlug(slug: string): boolean {
  return TENANT_SLUG.test(slug);
}

export function assertTenantSlug(slug: string): string {
  if (!isTenantSlug(slug)) {
    throw new Error(`tenant slug "${slug}" must be 3-40 lowercase letters, digits or dashes, starting with a letter`);
  }
  return slug;
}

/** A slug at a boundary (request body, search param); `message` says which field it is. */
export function tenantSlugSchema(message = "tenant must be a tenant slug") {
  return z.string().regex(TENANT_SLUG, message);
}
