/**
 * An environment's agent token: 32 random bytes shown once when the environment is added or the
 * token rotated, kept only as its SHA-256 (a random 256-bit secret needs no slow hash: there is
 * nothing to guess from). `syncdeck agent` starts only with the token of its environment
 * (SYNCDECK_AGENT_TOKEN). No `server-only`: the command runs outside Next.js.
 */
import crypto from "node:crypto";

const PREFIX = "sdat_";
const HASH_PREFIX = "sha256:";

export function newAgentToken(): { token: string; hash: string } {
  const token = `${PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  return { token, hash: hashAgentToken(token) };
}

export function hashAgentToken(token: string): string {
  return `${HASH_PREFIX}${crypto.createHash("sha256").update(token, "utf8").digest("hex")}`;
}

export type AgentTokenCheck = { ok: true } | { ok: false; reason: string };

/** Pure: whether `presented` (SYNCDECK_AGENT_TOKEN) is the token whose hash the environment keeps. */
export function checkAgentToken(
  environmentId: string,
  storedHash: string | null,
  presented: string | undefined,
): AgentTokenCheck {
  if (storedHash === null) {
    return {
      ok: false,
      reason: `environment ${environmentId} has no agent token; create one with \`syncdeck environment rotate-token ${environmentId}\``,
    };
  }
  const token = presented?.trim();
  if (!token)
    return {
      ok: false,
      reason:
        "SYNCDECK_AGENT_TOKEN is not set; it is the token printed by `syncdeck environment add` or `rotate-token`",
    };
  const expected = Buffer.from(storedHash, "utf8");
  const actual = Buffer.from(hashAgentToken(token), "utf8");
  if (expected.length !== actual.length || !crypto.timingSafeEqual(expected, actual)) {
    return {
      ok: false,
      reason: `SYNCDECK_AGENT_TOKEN is not the agent token of environment ${environmentId} (rotated? see \`syncdeck environment rotate-token\`)`,
    };
  }
  return { ok: true };
}
