/**
 * The login the console uses on the local stack, the demo and the integration tests: a member of
 * `syncdeck_app` (created and granted by the migrations), so it reads and writes rows but cannot
 * change the schema, nor update, delete or truncate audit records. Migrations, seeding and the
 * reference pipeline's set-up keep the owner's URL.
 */
import pg from "pg";

export const APP_LOGIN = "syncdeck_console";
// Local-only credentials, like the stack's superuser: the server listens on 127.0.0.1 only.
const APP_PASSWORD = "syncdeck_console";

/** Creates the login (once per cluster) and returns `ownerUrl` with the login's credentials. */
export async function ensureAppLogin(ownerUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ present: boolean }>(
      "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'syncdeck_app') AS present",
    );
    if (!rows[0]?.present)
      throw new Error("role syncdeck_app is missing: apply the migrations first (as a role that may create roles)");
    await client.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_LOGIN}') THEN
          CREATE ROLE ${APP_LOGIN} LOGIN PASSWORD '${APP_PASSWORD}';
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await client.query(`GRANT syncdeck_app TO ${APP_LOGIN}`);
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = APP_LOGIN;
  url.password = APP_PASSWORD;
  return url.toString();
}
