-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "placement" VARCHAR(40) NOT NULL DEFAULT 'dedicated';

-- Where a tenant's processors run: its own deployments, or a pool (lib/contract/placement.ts).
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_placement_check"
  CHECK ("placement" = 'dedicated' OR "placement" ~ '^pool-([a-z0-9-]{0,34}[a-z0-9])$');
