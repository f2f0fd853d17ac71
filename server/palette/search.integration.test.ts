/**
 * The command palette's search against the migrated Postgres: it finds only tenants, members and
 * claims the viewer may open, by slug, name or id, and never searches names (health data).
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/server/auth/access";
import { DEFAULT_GRANTS } from "@/server/auth/permissions";
import { getPrisma } from "@/server/db/client";
import { withThrowawayDatabase } from "@/test/integration/throwaway-database";
import { searchPalette } from "./search";

const run = randomUUID().replaceAll("-", "").slice(0, 6);
const mine = `it-pal-a-${run}`;
const theirs = `it-pal-b-${run}`;
const context = { requestId: `it-palette-${run}`, sourceAddress: "127.0.0.1" };
const admin: Viewer = {
  id: randomUUID(),
  email: "admin@example.test",
  name: "Admin",
  globalRole: "admin",
  globalPermissions: new Set(DEFAULT_GRANTS.admin),
  tenantAccess: new Map(),
};
let product: Viewer;

withThrowawayDatabase("it_palette", { demo: false });

async function member(tenant: string, id: string) {
  await getPrisma().$executeRawUnsafe(
    `INSERT INTO target_members (tenant, member_id, first_name, last_name, date_of_birth, address_line, city, state, postal_code, plan_id, status, source_lsn, source_version, source_ts, applied_at)
     VALUES ($1, $2, 'Jane', 'Okafor', '1984-03-02', '12 Elm St', 'Springfield', 'IL', '62701', 'P1', 'ACTIVE', 100, 1, now(), now())`,
    tenant,
    id,
  );
}

beforeAll(async () => {
  const db = getPrisma();
  const a = await db.tenant.create({ data: { slug: mine, name: "Palette Pharmacy", status: "ACTIVE" } });
  await db.tenant.create({ data: { slug: theirs, name: "Palette Other Care", status: "ACTIVE" } });
  await member(mine, "M770001");
  await member(theirs, "M770002");
  product = {
    id: randomUUID(),
    email: "product@example.test",
    name: "Product",
    globalRole: null,
    globalPermissions: new Set(),
    tenantAccess: new Map([[a.id, { role: "product", permissions: new Set(DEFAULT_GRANTS.product) }]]),
  };
});

describe("command palette search", () => {
  it("finds tenants by slug or name, only those the viewer may see", async () => {
    const forAdmin = await searchPalette(admin, { q: "palette" }, context);
    expect(
      forAdmin.hits
        .filter((h) => h.kind === "tenant")
        .map((h) => h.href)
        .sort(),
    ).toEqual([`/health/${mine}`, `/health/${theirs}`]);
    const forProduct = await searchPalette(product, { q: "PALETTE" }, context);
    expect(forProduct.hits.filter((h) => h.kind === "tenant").map((h) => h.label)).toEqual(["Palette Pharmacy"]);
  });

  it("finds members by id in the viewer's tenants only, and links the member page", async () => {
    const forAdmin = await searchPalette(admin, { q: "M77000" }, context);
    expect(
      forAdmin.hits
        .filter((h) => h.kind === "member")
        .map((h) => h.href)
        .sort(),
    ).toEqual([`/lookup/${mine}/M770001`, `/lookup/${theirs}/M770002`]);
    const forProduct = await searchPalette(product, { q: "M77000" }, context);
    expect(forProduct.hits.filter((h) => h.kind === "member").map((h) => h.href)).toEqual([`/lookup/${mine}/M770001`]);
  });

  it("never searches by name, and refuses an empty or overlong query with the reason", async () => {
    expect((await searchPalette(admin, { q: "Okafor" }, context)).hits.filter((h) => h.kind === "member")).toEqual([]);
    await expect(searchPalette(admin, { q: "  " }, context)).rejects.toThrow(/type what to find/);
    await expect(searchPalette(admin, { q: "x".repeat(81) }, context)).rejects.toThrow(/at most 80/);
    await expect(searchPalette(admin, { q: "a", extra: "1" }, context)).rejects.toThrow();
  });
});
