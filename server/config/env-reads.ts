/**
 * Finds the environment variables source code reads or hands to the processes it starts, so a test
 * can hold the catalogue to the code. What counts as a read:
 *
 *   env.NAME, env?.NAME, env["NAME"], process.env.NAME, fooEnv.NAME     a variable read
 *   env[`PREFIX_${…}`], "PREFIX_" (a literal ending in _)                a family's prefix
 *   z.object({ NAME: … })                                               a schema of variables
 *   { ...process.env, NAME: … }, env: { NAME: … }                       set for a child process
 *   numberEnv("NAME"), switchVariable: "NAME", ${env:NAME}              read through a helper
 */
import fs from "node:fs";
import path from "node:path";

export type EnvRead = { name: string; file: string; kind: "name" | "prefix" };

const NAME = "[A-Z][A-Z0-9_]*[A-Z0-9]|npm_[a-z0-9_]+";
const ENV_OBJECT = String.raw`(?:\benv|[a-z]Env)\??`;
const DIRECT = [
  new RegExp(String.raw`${ENV_OBJECT}\.(${NAME})\b`, "g"),
  new RegExp(String.raw`${ENV_OBJECT}\.?\[\s*["'\`](${NAME})["'\`]\s*\]`, "g"),
  new RegExp(String.raw`\b\w*Env\(\s*["'](${NAME})["']`, "g"),
  new RegExp(String.raw`\bswitchVariable:\s*["'](${NAME})["']`, "g"),
  new RegExp(String.raw`\$\{env:(${NAME})\}`, "g"),
];
const PREFIXES = [
  new RegExp(String.raw`${ENV_OBJECT}\.?\[\s*\`([A-Z][A-Z0-9_]*_)\$\{`, "g"),
  /["'`]([A-Z][A-Z0-9]*_(?:[A-Z0-9]+_)*)["'`]/g,
];
const OBJECT_KEY = new RegExp(String.raw`(?:^|[{,(]|\n)\s*["']?(${NAME})["']?\s*:`, "g");
/** Object literals whose upper-case keys are variables: zod schemas of the environment, and child environments. */
const KEYED_OBJECTS = [/\bz\.object\(\s*\{/g, /\{\s*\.\.\.(?:process\.env|[\w.]*[eE]nv)\b/g, /\benv:\s*\{/g];

/** The text of the `{ … }` that opens at `open` (string-unaware, which is enough for object literals of code). */
function braced(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === "{") depth += 1;
    else if (text[i] === "}" && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open);
}

/** Only the object's own keys: nested objects are cut out so their keys are not taken for variables. */
function ownKeys(objectText: string): string[] {
  let flat = "";
  let depth = 0;
  for (const char of objectText) {
    if (char === "{") depth += 1;
    if (depth <= 1) flat += char;
    if (char === "}") depth -= 1;
  }
  return [...flat.matchAll(OBJECT_KEY)].map((m) => m[1]!);
}

/** Code without its comments, which name variables in prose. `//` counts only after a space or at a line's start (not in `https://`). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|\s)\/\/.*$/gm, "$1");
}

/** The reads in one file's text. Pure. */
export function envReadsInText(source: string, file: string): EnvRead[] {
  const text = withoutComments(source);
  const reads: EnvRead[] = [];
  for (const pattern of DIRECT) for (const m of text.matchAll(pattern)) reads.push({ name: m[1]!, file, kind: "name" });
  for (const pattern of PREFIXES)
    for (const m of text.matchAll(pattern)) reads.push({ name: m[1]!, file, kind: "prefix" });
  for (const pattern of KEYED_OBJECTS) {
    for (const m of text.matchAll(pattern)) {
      const open = text.indexOf("{", m.index);
      for (const name of ownKeys(braced(text, open))) reads.push({ name, file, kind: "name" });
    }
  }
  return reads;
}

const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;
const NOT_SOURCE = /\.test\.tsx?$|\.d\.ts$/;

/** The reads in every source file (tests left out) under `entries`, files or folders relative to `root`. */
export function envReadsInSources(root: string, entries: readonly string[]): EnvRead[] {
  const reads: EnvRead[] = [];
  const visit = (relative: string) => {
    const full = path.join(root, relative);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isDirectory()) {
      for (const entry of fs.readdirSync(full))
        if (entry !== "node_modules" && entry !== "generated") visit(path.join(relative, entry));
    } else if (SOURCE.test(relative) && !NOT_SOURCE.test(relative)) {
      reads.push(...envReadsInText(fs.readFileSync(full, "utf8"), relative));
    }
  };
  entries.forEach(visit);
  return reads;
}
