"use client";

import { Field, inputClass } from "./field";
import type { RequestFormState } from "./request-form-state";

type SourceState = Pick<RequestFormState, "sourceKind" | "host" | "port" | "database" | "user">;

/** Where the tenant's changes come from: a database the platform creates, or the tenant's own Postgres. */
export function SourceFields({
  state,
  errors,
  onChange,
}: {
  state: SourceState;
  errors: Record<string, string>;
  onChange: (patch: Partial<SourceState>) => void;
}) {
  const text = (key: "host" | "port" | "database" | "user") => ({
    className: inputClass,
    value: state[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange({ [key]: e.target.value }),
  });
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Source</legend>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="radio"
          name="source-kind"
          className="mt-1"
          checked={state.sourceKind === "managed"}
          onChange={() => onChange({ sourceKind: "managed" })}
        />
        <span>
          <span className="font-medium text-slate-800 dark:text-slate-200">Managed</span>{" "}
          <span className="text-slate-500 dark:text-slate-400">
            — created for you on the platform&apos;s source server
          </span>
        </span>
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="radio"
          name="source-kind"
          className="mt-1"
          checked={state.sourceKind === "external"}
          onChange={() => onChange({ sourceKind: "external" })}
        />
        <span>
          <span className="font-medium text-slate-800 dark:text-slate-200">External</span>{" "}
          <span className="text-slate-500 dark:text-slate-400">
            — your own PostgreSQL with wal_level=logical, reachable from Kafka Connect
          </span>
        </span>
      </label>
      {state.sourceKind === "external" && (
        <div className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/50 p-3 sm:grid-cols-6">
          <Field label="Host" error={errors["source.host"]} className="sm:col-span-4">
            <input {...text("host")} />
          </Field>
          <Field label="Port" error={errors["source.port"]} className="sm:col-span-2">
            <input {...text("port")} type="number" min={1} max={65535} />
          </Field>
          <Field label="Database" error={errors["source.database"]} className="sm:col-span-3">
            <input {...text("database")} />
          </Field>
          <Field label="User" error={errors["source.user"]} className="sm:col-span-3">
            <input {...text("user")} />
          </Field>
          <p className="text-xs text-slate-500 dark:text-slate-400 sm:col-span-6">
            The password never goes in a request: an admin assigns the platform secret registered for this host when
            checking the request.
          </p>
        </div>
      )}
    </fieldset>
  );
}
