import { describe, expect, it } from "vitest";
import { webhookPayload } from "./webhook-payload";

const rule = {
  id: "r1",
  name: "Update lag",
  kind: "lag_seconds",
  stage: "update-processor",
  threshold: 60,
  statuses: [],
  forMinutes: 5,
};
const event = {
  id: 42n,
  firedAt: new Date("2026-11-23T10:00:00Z"),
  resolvedAt: null,
  value: 95,
  summary: "update-processor lag 95 s (threshold 60 s)",
};

describe("webhookPayload", () => {
  it("says what fired in one line, with the event for machines and a link to the console", () => {
    const payload = webhookPayload({
      rule,
      tenant: "acme-health",
      event,
      transition: "firing",
      currentSummary: event.summary,
      consoleUrl: "https://deck.example/",
    });
    expect(payload.text).toBe("FIRING acme-health: Update lag: update-processor lag 95 s (threshold 60 s)");
    expect(payload.event).toEqual({
      id: "42",
      firedAt: "2026-11-23T10:00:00.000Z",
      resolvedAt: null,
      value: 95,
      summary: event.summary,
    });
    expect(payload.url).toBe("https://deck.example/alerts?tenant=acme-health");
  });

  it("says why it resolved, and leaves the link out without a console address", () => {
    const resolvedAt = new Date("2026-11-23T10:07:00Z");
    const payload = webhookPayload({
      rule,
      tenant: "acme-health",
      event: { ...event, resolvedAt },
      transition: "resolved",
      currentSummary: "update-processor lag 3 s (threshold 60 s)",
    });
    expect(payload.text).toBe("RESOLVED acme-health: Update lag: update-processor lag 3 s (threshold 60 s)");
    expect(payload.event.resolvedAt).toBe("2026-11-23T10:07:00.000Z");
    expect(payload).not.toHaveProperty("url");
  });
});
