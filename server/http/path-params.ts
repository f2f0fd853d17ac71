/**
 * Path parameters as Next.js hands them to a route (already percent-decoded), checked once for every
 * route in `apiRoute` before any handler sees them. Postgres text cannot hold U+0000 and no id,
 * slug or group name of ours holds a control character, so such a value can only be a mistake or
 * a probe; over-long values are refused before they reach a query. Pure.
 */
export const MAX_PATH_PARAM_LENGTH = 256;

// C0 controls (U+0000–U+001F), DEL and the C1 controls (U+0080–U+009F)
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** What is wrong with path parameter `name`, or null when nothing is. */
export function pathParamProblem(name: string, value: unknown): string | null {
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    if (typeof v !== "string") return `path parameter "${name}" is missing`;
    if (CONTROL.test(v)) return `path parameter "${name}" contains a control character (such as NUL)`;
    if (v.length > MAX_PATH_PARAM_LENGTH)
      return `path parameter "${name}" is longer than ${MAX_PATH_PARAM_LENGTH} characters`;
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(v))
      return `path parameter "${name}" is not valid UTF-8 text`;
  }
  return null;
}

/** The first problem among all path parameters of a request, or null. */
export function pathParamsProblem(params: unknown): string | null {
  if (params === null || typeof params !== "object") return null;
  for (const [name, value] of Object.entries(params)) {
    const problem = pathParamProblem(name, value);
    if (problem) return problem;
  }
  return null;
}
