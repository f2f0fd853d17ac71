// Resolves the tenant before any loading boundary streams: a missing or unseen tenant is a real 404.
export { TenantPageLayout as default } from "@/server/auth/page-tenant";
