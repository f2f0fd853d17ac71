"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { SOURCE_TABLES } from "@/lib/contract/topics";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { fetchJson } from "@/components/ui/fetch-json";
import { ContactsEditor } from "./contacts-editor";
import { Field, inputClass } from "./field";
import { PartitionPreview } from "./partition-preview";
import { fieldErrors, previewVolume, requestBody, withName, type RequestFormState } from "./request-form-state";
import { SourceFields } from "./source-fields";
import type { EnvironmentChoice, TenantDetailJson } from "./types";
import type { PlacementRule } from "@/server/tenants/placement-plan";

const ENTITY_LABELS: Record<string, string> = { members: "Members", claims: "Claims" };

/**
 * The onboarding request: new (POST /api/tenants, then the request's page) or a declined one edited
 * and resubmitted (PUT /api/tenants/{slug}, slug fixed). Fields are checked with the server's schema
 * as typed; the server's answer is shown above the buttons when it refuses.
 */
export function RequestForm({
  initial,
  environments,
  placementRule,
  mode,
  onDone,
  onCancel,
}: {
  initial: RequestFormState;
  environments: EnvironmentChoice[];
  /** the onboarding placement rule, to preview where the processors will run */
  placementRule?: PlacementRule;
  mode: "new" | "resubmit";
  onDone?: (detail: TenantDetailJson) => void;
  onCancel?: () => void;
}) {
  const router = useRouter();
  const [state, setState] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const [pending, setPending] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const errors = fieldErrors(state);
  // the slug is checked from the first character; the rest once a submit was tried
  const shown = submitted ? errors : state.slug ? { slug: errors.slug ?? "" } : {};
  const patch = (change: Partial<RequestFormState>) => setState((s) => ({ ...s, ...change }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (Object.keys(errors).length) return;
    setPending(true);
    try {
      const url = mode === "new" ? "/api/tenants" : `/api/tenants/${state.slug}`;
      const detail = await fetchJson<TenantDetailJson>(url, {
        method: mode === "new" ? "POST" : "PUT",
        body: requestBody(state),
      });
      if (onDone) onDone(detail);
      else router.push(`/tenants/${detail.tenant.slug}`);
    } catch (error) {
      setServerError(error instanceof Error ? error.message : String(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <Card>
      <form
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-label={mode === "new" ? "Tenant request" : "Edit and resubmit"}
      >
        <CardBody className="space-y-6">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Org name" error={shown.name}>
              <input
                className={inputClass}
                value={state.name}
                onChange={(e) =>
                  setState((s) => (mode === "new" ? withName(s, e.target.value) : { ...s, name: e.target.value }))
                }
                autoComplete="organization"
              />
            </Field>
            <Field
              label="Slug"
              hint={
                mode === "new"
                  ? "suggested from the name; names its topics sync.<slug>.*"
                  : "a resubmitted request keeps its slug"
              }
              error={shown.slug || undefined}
            >
              <input
                className={`${inputClass} font-mono`}
                value={state.slug}
                readOnly={mode === "resubmit"}
                onChange={(e) => patch({ slug: e.target.value, slugEdited: true })}
                autoComplete="off"
              />
            </Field>
          </div>
          <ContactsEditor contacts={state.contacts} errors={shown} onChange={(contacts) => patch({ contacts })} />
          <SourceFields state={state} errors={shown} onChange={patch} />
          <fieldset className="space-y-3">
            <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Volume</legend>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Expected daily changes" error={shown.expectedDailyChanges}>
                <input
                  className={inputClass}
                  type="number"
                  min={0}
                  value={state.expectedDailyChanges}
                  onChange={(e) => patch({ expectedDailyChanges: e.target.value })}
                />
              </Field>
              <Field label="Peak changes per second" error={shown.peakChangesPerSecond}>
                <input
                  className={inputClass}
                  type="number"
                  min={0}
                  value={state.peakChangesPerSecond}
                  onChange={(e) => patch({ peakChangesPerSecond: e.target.value })}
                />
              </Field>
            </div>
            <PartitionPreview volume={previewVolume(state)} placementRule={placementRule} />
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2">
            <fieldset>
              <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Entities to sync</legend>
              <div className="mt-2 flex gap-5">
                {SOURCE_TABLES.map((table) => (
                  <label key={table} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={state.entities.includes(table)}
                      onChange={(e) =>
                        patch({
                          entities: e.target.checked
                            ? [...state.entities, table]
                            : state.entities.filter((t) => t !== table),
                        })
                      }
                    />
                    {ENTITY_LABELS[table] ?? table}
                  </label>
                ))}
              </div>
              {shown.entities && <p className="mt-1 text-xs text-red-700 dark:text-red-300">{shown.entities}</p>}
            </fieldset>
            <Field label="Target environment" error={shown.environment}>
              <select
                className={inputClass}
                value={state.environment}
                onChange={(e) => patch({ environment: e.target.value })}
              >
                {environments.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          {serverError && (
            <p
              role="alert"
              data-testid="form-error"
              className="rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-700 dark:text-red-300"
            >
              {serverError}
            </p>
          )}
          {submitted && !serverError && Object.keys(errors).length > 0 && (
            <p
              role="alert"
              className="rounded-md bg-amber-50 dark:bg-amber-950/40 px-3 py-2 text-sm text-amber-800 dark:text-amber-200"
            >
              Fix the {Object.keys(errors).length} field(s) marked in red.
            </p>
          )}
          <div className="flex justify-end gap-2">
            {onCancel && <Button onClick={onCancel}>Cancel</Button>}
            <Button type="submit" variant="primary" disabled={pending}>
              {pending ? "Submitting…" : mode === "new" ? "Submit request" : "Resubmit request"}
            </Button>
          </div>
        </CardBody>
      </form>
    </Card>
  );
}
