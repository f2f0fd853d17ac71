/**
 * `syncdeck move` in-process against the integration database: it acts as the user named by --as
 * (their permissions apply), says what is wrong in the service's words, and --status lists moves.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/server/db/client";
import { seed } from "@/server/db/seed";
import { testTenant } from "../../pipeline/shared/testing";
import { move } from "./commands/move";

const tenant = testTenant("it-cli-move");
const adminEmail = `move-admin-${randomUUID().slice(0, 8)}@it.test`;
const viewerEmail = `move-viewer-${randomUUID().slice(0, 8)}@it.test`;

async function run(args: string[]): Promise<{ lines: string[]; error?: { message: string; exitCode: number } }> {
  const lines: string[] = [];
  try {
    await move(args, (line) => lines.push(line));
    return { lines };
  } catch (error) {
    return { lines, error: { message: (error as Error).message, exitCode: (error as { exitCode: number }).exitCode } };
  }
}

beforeAll(async () => {
  const db = getPrisma();
  await seed(db, { demo: false }); // roles and permissions
  await db.tenant.create({ data: { slug: tenant, name: tenant, status: "ACTIVE" } });
  await db.user.createMany({
    data: [
      { email: adminEmail, name: "Admin", passwordHash: "x", globalRoleName: "admin" },
      { email: viewerEmail, name: "Viewer", passwordHash: "x", globalRoleName: "viewer" },
    ],
  });
});

afterAll(async () => {
  const db = getPrisma();
  await db.user.deleteMany({ where: { email: { in: [adminEmail, viewerEmail] } } });
  await db.tenant.deleteMany({ where: { slug: tenant } });
  await db.$disconnect();
});

describe("syncdeck move", () => {
  it("refuses a bad placement naming the field, a user without deploy.create, and a tenant with no environment", async () => {
    expect((await run([tenant, "--to", "elsewhere", "--as", adminEmail])).error).toMatchObject({
      message: expect.stringMatching(/^move: placement: placement must be "dedicated" or a pool name/),
      exitCode: 2,
    });
    expect((await run([tenant, "--to", "pool-small", "--as", viewerEmail])).error).toMatchObject({
      message: "move: You are not a member of this tenant",
      exitCode: 1,
    });
    expect((await run([tenant, "--to", "pool-small", "--as", "nobody@it.test"])).error?.message).toBe(
      "move: there is no enabled user nobody@it.test",
    );
    expect((await run([tenant, "--to", "pool-small", "--as", adminEmail])).error).toMatchObject({
      message: `move: ${tenant} is deployed to no environment`,
      exitCode: 1,
    });
    expect((await run([tenant, "--to", "dedicated", "--as", adminEmail])).error?.message).toBe(
      `move: ${tenant} is already dedicated`,
    );
  });

  it("prints the tenant's placement and moves with --status", async () => {
    expect(await run([tenant, "--status"])).toEqual({ lines: [`${tenant}: dedicated`] });
  });
});
