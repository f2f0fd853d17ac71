/**
 * Hot read statements sent as named prepared statements. Postgres then parses such a statement once
 * per connection and, after a few executions, reuses a generic plan instead of planning every call;
 * for the member lookup (three subqueries over a partitioned trail) planning was as long as running
 * it. Other statements stay unnamed. Prisma's pg adapter asks `statementName` for every query it
 * sends (server/db/client.ts); plain pg callers pass it as the query's `name`.
 */
const byText = new Map<string, string>();

/** Registers `text` under `name` and returns it unchanged. One name, one text. */
export function namedStatement(name: string, text: string): string {
  for (const [known, knownName] of byText) {
    if (knownName === name && known !== text)
      throw new Error(`statement name ${name} is already taken by another statement`);
  }
  byText.set(text, name);
  return text;
}

/** The registered name of this exact text, or undefined: the statement is then sent unnamed. */
export function statementName(text: string): string | undefined {
  return byText.get(text);
}
