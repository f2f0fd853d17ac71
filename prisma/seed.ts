/**
 * `npm run db:seed [-- --demo]`: the permission catalog and default roles (server/db/seed.ts), and
 * with --demo the demo tenants and users.
 */
import { seed } from "../server/db/seed";

export { seed };

async function main() {
  const { getPrisma, disconnectPrisma } = await import("../server/db/client");
  const demo = process.argv.includes("--demo");
  await seed(getPrisma(), { demo });
  await disconnectPrisma();
  console.log(`seeded roles and permissions${demo ? ", demo tenants and demo users" : ""}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
