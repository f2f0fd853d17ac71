import "server-only";
import { DEFAULT_GRANTS, PERMISSIONS, ROLE_DESCRIPTIONS, ROLES } from "../auth/permissions";
import { DEMO_TENANTS, DEMO_USERS } from "../auth/demo-users";
import { hashPassword } from "../auth/credentials";
import type { PrismaClient } from "./generated/client";
import { ensureDriftRule } from "../alerts/drift-rule";
import { upsertDefaultCluster } from "../clusters/clusters";

/**
 * Writes the permission catalog and the default role grants (missing rows only, so grants an admin
 * changed are kept), the default Kafka cluster as `env` declares it (KAFKA_BROKERS, KAFKA_CONNECT_URL),
 * and with `demo` the three demo tenants and one user per role.
 */
export async function seed(
  prisma: PrismaClient,
  { demo, env = process.env }: { demo: boolean; env?: Readonly<Record<string, string | undefined>> },
): Promise<void> {
  await prisma.permission.createMany({
    data: Object.entries(PERMISSIONS).map(([key, description]) => ({ key, description })),
    skipDuplicates: true,
  });
  await prisma.role.createMany({
    data: ROLES.map((name) => ({ name, description: ROLE_DESCRIPTIONS[name] })),
    skipDuplicates: true,
  });
  await prisma.rolePermission.createMany({
    data: ROLES.flatMap((roleName) => DEFAULT_GRANTS[roleName].map((permissionKey) => ({ roleName, permissionKey }))),
    skipDuplicates: true,
  });
  await upsertDefaultCluster(prisma, env);
  if (!demo) return;

  for (const tenant of DEMO_TENANTS) {
    const { id } = await prisma.tenant.upsert({
      where: { slug: tenant.slug },
      update: {},
      create: { ...tenant, status: "ACTIVE" },
    });
    await ensureDriftRule(prisma, id, "seed");
  }
  const tenantIds = new Map(
    (await prisma.tenant.findMany({ select: { id: true, slug: true } })).map((t) => [t.slug, t.id]),
  );
  for (const demoUser of DEMO_USERS) {
    const existing = await prisma.user.findUnique({ where: { email: demoUser.email } });
    if (existing) continue;
    const scope = demoUser.scope;
    await prisma.user.create({
      data: {
        email: demoUser.email,
        name: demoUser.name,
        passwordHash: await hashPassword(demoUser.password),
        globalRoleName: scope === "global" ? demoUser.role : null,
        memberships:
          scope === "global"
            ? undefined
            : { create: scope.map((slug) => ({ tenantId: tenantIds.get(slug)!, roleName: demoUser.role })) },
      },
    });
  }
}
