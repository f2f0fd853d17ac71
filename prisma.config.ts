import { defineConfig, env } from "prisma/config";

// Prisma 7 reads the connection URL from here, not from schema.prisma. `prisma generate` needs no
// database, so the datasource is only declared when DATABASE_URL is set: `env()` throws when the
// variable is missing, which would make a plain `npm install` fail. Prisma's CLI changes the schema,
// so it connects as the owner (MIGRATION_DATABASE_URL) when one is set.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx --conditions=react-server prisma/seed.ts",
  },
  ...(process.env.MIGRATION_DATABASE_URL
    ? { datasource: { url: env("MIGRATION_DATABASE_URL") } }
    : process.env.DATABASE_URL
      ? { datasource: { url: env("DATABASE_URL") } }
      : {}),
});
