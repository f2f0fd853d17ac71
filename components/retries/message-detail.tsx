"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { fetchJson } from "@/components/ui/fetch-json";
import type { DlqDetail } from "@/server/retries/dlq-read";
import { QueryError } from "@/components/ui/query-error";

/** One record: where it came from, every header, and the payload (masked unless revealed, which is audited). */
export function MessageDetail({ tenant, id, onClose }: { tenant: string; id: string; onClose: () => void }) {
  const [unmasked, setUnmasked] = useState(false);
  const { data, error, refetch } = useQuery({
    queryKey: ["dlq-message", tenant, id, unmasked],
    queryFn: () => fetchJson<DlqDetail>(`/api/tenants/${tenant}/dlq/${id}?unmasked=${unmasked ? 1 : 0}`),
  });
  return (
    <Dialog title={`Message #${id}`} onClose={onClose}>
      {error && <QueryError what="Could not load the message" error={error} refetch={refetch} />}
      {data && (
        <div className="space-y-3 text-sm">
          <p>
            <span className="font-semibold">{data.errorClass}</span>: {data.errorMessage}
          </p>
          <dl className="grid grid-cols-3 gap-x-3 gap-y-1 text-xs">
            <dt className="text-slate-500 dark:text-slate-400">At</dt>
            <dd className="col-span-2 font-mono">
              {data.topic}:{data.partition}:{data.offset}
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Original</dt>
            <dd className="col-span-2 font-mono">
              {data.originalTopic ?? "—"}:{data.originalPartition ?? "?"}:{data.originalOffset ?? "?"}
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">State</dt>
            <dd className="col-span-2">
              {data.state}
              {data.stateReason ? ` — ${data.stateReason}` : ""}
              {data.stateBy ? ` (${data.stateBy})` : ""}
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Headers ({data.headerFormat})</dt>
            <dd className="col-span-2" />
          </dl>
          <table className="w-full text-xs">
            <tbody>
              {Object.entries(data.headers).map(([k, v]) => (
                <tr key={k} className="border-t border-slate-100 dark:border-slate-800">
                  <td className="py-1 pr-2 font-mono text-slate-500 dark:text-slate-400">{k}</td>
                  <td className="break-all py-1 font-mono">{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="flex items-center justify-between">
            <span className="font-medium">
              Payload {data.masked ? "(health data masked)" : "(unmasked — this view was audited)"}
            </span>
            {data.masked && (
              <Button
                onClick={() => setUnmasked(true)}
                disabledReason={data.canUnmask ? null : "needs entity.read_unmasked in this tenant"}
              >
                Reveal
              </Button>
            )}
          </div>
          <pre
            className="max-h-64 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100"
            data-testid="dlq-payload"
          >
            {data.payload.format === "json"
              ? JSON.stringify(data.payload.value, null, 2)
              : data.payload.format === "text"
                ? data.payload.value
                : data.payload.format === "withheld"
                  ? data.payload.reason
                  : "(no payload)"}
          </pre>
        </div>
      )}
    </Dialog>
  );
}
