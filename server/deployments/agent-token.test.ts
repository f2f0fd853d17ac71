import { describe, expect, it } from "vitest";
import { checkAgentToken, hashAgentToken, newAgentToken } from "./agent-token";

describe("agent tokens", () => {
  it("are 32 random bytes, distinct each time, kept as their SHA-256", () => {
    const a = newAgentToken();
    const b = newAgentToken();
    expect(a.token).toMatch(/^sdat_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.hash).toBe(hashAgentToken(a.token));
    expect(a.hash).not.toContain(a.token.slice(5));
  });

  it("let an agent start only with its environment's token", () => {
    const { token, hash } = newAgentToken();
    expect(checkAgentToken("prod", hash, token)).toEqual({ ok: true });
    expect(checkAgentToken("prod", hash, `${token}\n`)).toEqual({ ok: true }); // read from a file with its newline
    expect(checkAgentToken("prod", hash, newAgentToken().token)).toEqual({
      ok: false,
      reason:
        "SYNCDECK_AGENT_TOKEN is not the agent token of environment prod (rotated? see `syncdeck environment rotate-token`)",
    });
  });

  it("say what is missing: the variable, or the environment's token", () => {
    const { hash } = newAgentToken();
    for (const presented of [undefined, "", "  "])
      expect(checkAgentToken("prod", hash, presented)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/^SYNCDECK_AGENT_TOKEN is not set/),
      });
    expect(checkAgentToken("prod", null, "sdat_x")).toEqual({
      ok: false,
      reason: "environment prod has no agent token; create one with `syncdeck environment rotate-token prod`",
    });
  });

  it("never accept a stored hash presented as the token", () => {
    const { hash } = newAgentToken();
    expect(checkAgentToken("prod", hash, hash).ok).toBe(false);
  });
});
