"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, inputClass } from "./field";
import type { TenantDetailJson } from "./types";

/** Lag SLO and retention; only what changed is sent (PATCH …/settings). Retention reaches the topics first. */
export function SettingsForm({
  detail,
  busy,
  act,
}: {
  detail: TenantDetailJson;
  busy: boolean;
  act: (label: string, path: string, body: unknown, method: "PATCH") => Promise<boolean>;
}) {
  const { tenant, can } = detail;
  const [slo, setSlo] = useState(String(tenant.lagSloSeconds));
  const [retention, setRetention] = useState(String(tenant.retentionHours));
  const change: Record<string, number> = {};
  if (Number(slo) !== tenant.lagSloSeconds) change.lagSloSeconds = Number(slo);
  if (Number(retention) !== tenant.retentionHours) change.retentionHours = Number(retention);
  const unchanged = Object.keys(change).length === 0;
  return (
    <Card>
      <CardHeader
        title="Settings"
        description="The lag SLO drives the tenant's alert; retention applies to every topic of the tenant."
      />
      <CardBody>
        <form
          className="flex flex-wrap items-end gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            void act("Save settings", "settings", change, "PATCH");
          }}
        >
          <Field label="Lag SLO (seconds)">
            <input
              className={`${inputClass} w-36`}
              type="number"
              min={1}
              max={86400}
              value={slo}
              onChange={(e) => setSlo(e.target.value)}
              disabled={!can.settings}
            />
          </Field>
          <Field label="Retention (hours)">
            <input
              className={`${inputClass} w-36`}
              type="number"
              min={1}
              max={8760}
              value={retention}
              onChange={(e) => setRetention(e.target.value)}
              disabled={!can.settings}
            />
          </Field>
          <Button
            type="submit"
            variant="primary"
            disabledReason={
              !can.settings
                ? "changing settings needs tenant.manage for this tenant"
                : unchanged
                  ? "nothing changed"
                  : busy
                    ? "working…"
                    : null
            }
          >
            Save
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
