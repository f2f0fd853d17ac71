import { hashPassword } from "@/server/auth/credentials";
import { generatePassword } from "@/server/admin/generate-password";
import { createUserInput } from "@/server/admin/user-input";
import { parseCommand, required } from "../args";
import { CliError } from "../cli-error";
import { withDatabase } from "../database";
import { configuredDatabaseUrl } from "./migrate";
import { auditOperatorChange } from "../operator";

export const ADMIN_HELP = `syncdeck admin create --email EMAIL --name NAME [--password-stdin]

Creates a user with the global admin role: the first admin of a new installation, or another
one later. With --password-stdin the password is read from standard input (one line, at least 12
characters); without it a password is generated and printed once. Audited as user.create.

Environment: DATABASE_URL (required). Run \`syncdeck migrate\` first.`;

export async function admin(
  argv: string[],
  out: (line: string) => void,
  readStdin: () => Promise<string>,
): Promise<void> {
  const [action, ...rest] = argv;
  if (action === undefined || action === "--help" || action === "-h") return out(ADMIN_HELP);
  if (action !== "create") throw new CliError(`admin: unknown action "${action}"; the action is: create`);
  const { values } = parseCommand("admin create", rest, {
    email: { type: "string" },
    name: { type: "string" },
    "password-stdin": { type: "boolean" },
  });
  if (values.help) return out(ADMIN_HELP);
  const email = required("admin create", "email", values.email);
  const name = required("admin create", "name", values.name);
  const given = values["password-stdin"] ? (await readStdin()).replace(/\r?\n$/, "") : undefined;
  const parsed = createUserInput.safeParse({ email, name, password: given, globalRole: "admin", memberships: [] });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(`admin create: ${issue.path.join(".") || "input"}: ${issue.message}`);
  }
  configuredDatabaseUrl("admin create");
  const password = parsed.data.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  await withDatabase(async (db) => {
    const roles = await db.role.count({ where: { name: "admin" } });
    if (roles === 0) throw new CliError("admin create: the database has no roles yet; run `syncdeck migrate` first", 1);
    await db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: parsed.data.email }, select: { id: true } })) {
        throw new CliError(`admin create: a user with email ${parsed.data.email} already exists`, 1);
      }
      await tx.user.create({
        data: { email: parsed.data.email, name: parsed.data.name, passwordHash, globalRoleName: "admin" },
      });
      await auditOperatorChange(tx, {
        action: "user.create",
        target: `user:${parsed.data.email}`,
        after: { email: parsed.data.email, name: parsed.data.name, globalRole: "admin" },
      });
    });
  });
  out(`admin create: ${parsed.data.email} is an admin`);
  if (!given) out(`password (shown once): ${password}`);
}
