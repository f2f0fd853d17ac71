"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { fetchJson } from "@/components/ui/fetch-json";
import { StatusPill } from "@/components/ui/status-dot";
import type { DlqListRow } from "@/server/retries/dlq-read";
import type { Selection } from "@/server/retries/replay-selection";
import { MessageDetail } from "./message-detail";
import { ReplayDialog } from "./replay-dialog";
import { ReplayJobs } from "./replay-jobs";
import { Dialog } from "@/components/ui/dialog";
import { Time, useTimeZone } from "@/components/ui/time";
import { QueryError } from "@/components/ui/query-error";
import { useUrlState } from "@/components/ui/use-url-state";
import {
  DLQ_DEFAULTS,
  DLQ_KINDS,
  DLQ_STATES,
  filterObject,
  parseDlqFilters,
  serializeDlqFilters,
  type DlqFilters as Filters,
} from "./dlq-url";

type Page = { items: DlqListRow[]; nextCursor: string | null };
const EMPTY: Filters = DLQ_DEFAULTS;

function FilterBar({ value, onApply, classes }: { value: Filters; onApply: (f: Filters) => void; classes: string[] }) {
  const [draft, setDraft] = useState(value);
  const zone = useTimeZone();
  const field = (
    key: Exclude<keyof Filters, "kind" | "state">,
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <label className="text-xs text-slate-600 dark:text-slate-300">
      {label}
      <input
        aria-label={label}
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
        className="mt-1 block w-full rounded-md border border-slate-300 dark:border-slate-600 px-2 py-1 text-sm"
        {...props}
      />
    </label>
  );
  return (
    <form
      className="grid gap-3 md:grid-cols-4 lg:grid-cols-8"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(draft);
      }}
    >
      {field("q", "Search error text", { placeholder: 'words or "a phrase"' })}
      {field("errorClass", "Error class", { list: "dlq-error-classes" })}
      <datalist id="dlq-error-classes">
        {classes.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      {field("stage", "Stage")}
      {field("entity", "Entity or key", { placeholder: "claim:C-1 or M-1" })}
      {field("fingerprint", "Fingerprint", { placeholder: "16 hex digits" })}
      {field("from", `From (${zone})`, { type: "datetime-local" })}
      {field("to", `To (${zone})`, { type: "datetime-local" })}
      <label className="text-xs text-slate-600 dark:text-slate-300">
        State
        <select
          aria-label="State"
          value={draft.state}
          onChange={(e) => setDraft({ ...draft, state: e.target.value as Filters["state"] })}
          className="mt-1 block w-full rounded-md border border-slate-300 dark:border-slate-600 px-2 py-1 text-sm"
        >
          {DLQ_STATES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label className="text-xs text-slate-600 dark:text-slate-300">
        Kind
        <select
          aria-label="Kind"
          value={draft.kind}
          onChange={(e) => setDraft({ ...draft, kind: e.target.value as Filters["kind"] })}
          className="mt-1 block w-full rounded-md border border-slate-300 dark:border-slate-600 px-2 py-1 text-sm"
        >
          {DLQ_KINDS.map((k) => (
            <option key={k} value={k}>
              {k === "dlq" ? "dead letters" : "waiting in retry"}
            </option>
          ))}
        </select>
      </label>
      <div className="flex items-end gap-2">
        <Button type="submit" variant="primary">
          Apply
        </Button>
        <Button
          onClick={() => {
            setDraft(EMPTY);
            onApply(EMPTY);
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}

/** A tenant's dead letters: filter on the server, page by cursor, inspect, replay or resolve. */
export function DlqView({
  tenant,
  canReplay,
  classes,
  entity = "",
}: {
  tenant: string;
  canReplay: boolean;
  classes: string[];
  entity?: string;
}) {
  const client = useQueryClient();
  // the filters live in the URL (a filtered view can be shared by link); `entity` is the page's own ?entity=
  const [filters, setFilters] = useUrlState(
    (params) => ({ ...parseDlqFilters(params), ...(parseDlqFilters(params).entity ? {} : { entity }) }),
    serializeDlqFilters,
  );
  const [cursors, setCursors] = useState<string[]>([]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [detail, setDetail] = useState<string | null>(null);
  const [replay, setReplay] = useState<{ selection: Selection; label: string } | null>(null);
  const [resolving, setResolving] = useState<{ selection: Selection; label: string } | null>(null);
  const zone = useTimeZone();
  const params = new URLSearchParams({
    ...filterObject(filters, zone),
    limit: "50",
    ...(cursors.length ? { cursor: cursors[cursors.length - 1]! } : {}),
  });
  const { data, error, isFetching, refetch } = useQuery({
    queryKey: ["dlq", tenant, params.toString()],
    queryFn: () => fetchJson<Page>(`/api/tenants/${tenant}/dlq?${params}`),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
  const refresh = () => {
    setSelected(new Set());
    void client.invalidateQueries({ queryKey: ["dlq", tenant] });
    void client.invalidateQueries({ queryKey: ["replay-jobs", tenant] });
  };
  const items = data?.items ?? [];
  const { state, kind: _kind, ...matching } = filterObject(filters, zone);
  const filterSelection: Selection = { filter: { ...matching, state: (state ?? "open") as "open" } };
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const noReplay = !canReplay
    ? "needs dlq.replay in this tenant"
    : filters.kind !== "dlq"
      ? "replay and resolve apply to dead letters, not to messages waiting in retry"
      : null;
  return (
    <div className="space-y-4">
      <Card className="p-4">
        <FilterBar
          value={filters}
          classes={classes}
          onApply={(f) => {
            setFilters(f);
            setCursors([]);
            setSelected(new Set());
          }}
        />
      </Card>
      <ReplayJobs tenant={tenant} canReplay={canReplay} />
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="primary"
          disabledReason={noReplay ?? (selected.size ? null : "select messages first")}
          onClick={() => setReplay({ selection: { ids: [...selected] }, label: `${selected.size} selected` })}
        >
          Replay selected ({selected.size})
        </Button>
        <Button
          disabledReason={noReplay ?? (items.length ? null : "nothing matches")}
          onClick={() => setReplay({ selection: filterSelection, label: "all matching the filter" })}
        >
          Replay all matching
        </Button>
        <Button
          variant="danger"
          disabledReason={noReplay ?? (selected.size ? null : "select messages first")}
          onClick={() => setResolving({ selection: { ids: [...selected] }, label: `${selected.size} selected` })}
        >
          Resolve / discard
        </Button>
        {isFetching && <span className="text-xs text-slate-500 dark:text-slate-400">refreshing…</span>}
      </div>
      {error && <QueryError what="Could not load the messages" error={error} refetch={refetch} />}
      <Card>
        <table className="w-full text-sm" data-testid="dlq-table">
          <thead className="bg-slate-50 dark:bg-slate-800/50 text-left text-xs uppercase text-slate-500 dark:text-slate-400">
            <tr>
              <th className="w-8 px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Select page"
                  checked={items.length > 0 && items.every((m) => selected.has(m.id))}
                  onChange={(e) => setSelected(e.target.checked ? new Set(items.map((m) => m.id)) : new Set())}
                />
              </th>
              <th className="px-3 py-2">Time</th>
              <th className="px-3 py-2">Entity</th>
              <th className="px-3 py-2">Error</th>
              <th className="px-3 py-2">Stage</th>
              <th className="px-3 py-2">Attempts</th>
              <th className="px-3 py-2">State</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr
                key={m.id}
                className="cursor-pointer border-t border-slate-100 dark:border-slate-800 hover:bg-slate-50 dark:hover:bg-slate-800/50"
                data-testid="dlq-row"
                data-id={m.id}
                data-error-class={m.errorClass}
                onClick={() => setDetail(m.id)}
              >
                <td className="px-3 py-2" onClick={(e) => e.stopPropagation()}>
                  <input
                    type="checkbox"
                    aria-label={`Select ${m.id}`}
                    checked={selected.has(m.id)}
                    onChange={() => toggle(m.id)}
                  />
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-xs text-slate-600 dark:text-slate-300">
                  <Time at={m.writtenAt} />
                </td>
                <td className="px-3 py-2 font-mono text-xs">{m.entity ?? m.key ?? "—"}</td>
                <td className="max-w-xl px-3 py-2">
                  <StatusPill tone="err" label={m.errorClass} />{" "}
                  <span className="text-slate-600 dark:text-slate-300" title={m.errorMessage}>
                    {m.errorMessage.slice(0, 140)}
                  </span>
                </td>
                <td className="px-3 py-2 text-xs text-slate-600 dark:text-slate-300">{m.stage ?? "—"}</td>
                <td className="px-3 py-2 tabular-nums">{m.attempt}</td>
                <td className="px-3 py-2">
                  <StatusPill
                    tone={m.state === "open" ? "err" : m.state === "replayed" ? "ok" : "idle"}
                    label={m.state}
                  />
                </td>
              </tr>
            ))}
            {items.length === 0 && (
              <tr>
                <td colSpan={7} className="px-4 py-8 text-center text-slate-500 dark:text-slate-400">
                  No dead-letter messages match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <div className="flex items-center justify-between border-t border-slate-100 dark:border-slate-800 px-4 py-2 text-sm">
          <span className="text-slate-500 dark:text-slate-400">Page {cursors.length + 1}</span>
          <div className="flex gap-2">
            <Button
              disabledReason={cursors.length ? null : "first page"}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              Newer
            </Button>
            <Button
              disabledReason={data?.nextCursor ? null : "last page"}
              onClick={() => data?.nextCursor && setCursors((c) => [...c, data.nextCursor!])}
            >
              Older
            </Button>
          </div>
        </div>
      </Card>
      {detail && <MessageDetail tenant={tenant} id={detail} onClose={() => setDetail(null)} />}
      {replay && (
        <ReplayDialog
          tenant={tenant}
          {...replay}
          onClose={() => setReplay(null)}
          onStarted={() => {
            setReplay(null);
            refresh();
          }}
        />
      )}
      {resolving && (
        <ResolveDialog
          tenant={tenant}
          {...resolving}
          onClose={() => setResolving(null)}
          onDone={() => {
            setResolving(null);
            refresh();
          }}
        />
      )}
    </div>
  );
}

function ResolveDialog({
  tenant,
  selection,
  label,
  onClose,
  onDone,
}: {
  tenant: string;
  selection: Selection;
  label: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const act = async (action: "resolve" | "discard") => {
    try {
      await fetchJson(`/api/tenants/${tenant}/dlq/resolve`, { method: "POST", body: { selection, action, reason } });
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const why = reason.trim().length >= 3 ? null : "give a reason (at least 3 characters)";
  return (
    <Dialog title={`Resolve or discard ${label}`} onClose={onClose}>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        They leave the default view; the Kafka records stay. The reason goes to the audit log.
      </p>
      <textarea
        aria-label="Reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        className="mt-3 w-full rounded-md border border-slate-300 dark:border-slate-600 p-2 text-sm"
        rows={3}
      />
      {error && <p className="text-sm text-red-700 dark:text-red-300">{error}</p>}
      <div className="mt-3 flex justify-end gap-2">
        <Button variant="danger" disabledReason={why} onClick={() => void act("discard")}>
          Discard
        </Button>
        <Button variant="primary" disabledReason={why} onClick={() => void act("resolve")}>
          Resolve
        </Button>
      </div>
    </Dialog>
  );
}
