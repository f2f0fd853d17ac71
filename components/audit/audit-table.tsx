import { Card } from "@/components/ui/card";
import type { AuditEventView } from "@/server/audit/list-audit";
import { Time } from "@/components/ui/time";

function Change({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <span className="text-slate-500 dark:text-slate-400">—</span>;
  return (
    <details className="max-w-md">
      <summary className="cursor-pointer text-xs text-indigo-700 dark:text-indigo-300">before / after</summary>
      <pre className="mt-1 overflow-x-auto whitespace-pre-wrap rounded bg-slate-50 dark:bg-slate-800/50 p-2 text-[11px] text-slate-700 dark:text-slate-300">
        {`before: ${JSON.stringify(before)}\nafter:  ${JSON.stringify(after)}`}
      </pre>
    </details>
  );
}

export function AuditTable({ events }: { events: readonly AuditEventView[] }) {
  return (
    <Card>
      <table className="w-full text-left text-sm" data-testid="audit-table">
        <thead className="border-b border-slate-200 dark:border-slate-700 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
          <tr>
            <th className="px-4 py-3 font-medium">Time</th>
            <th className="px-4 py-3 font-medium">Who</th>
            <th className="px-4 py-3 font-medium">Tenant</th>
            <th className="px-4 py-3 font-medium">Action</th>
            <th className="px-4 py-3 font-medium">Target</th>
            <th className="px-4 py-3 font-medium">Change</th>
            <th className="px-4 py-3 font-medium">From</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800 align-top">
          {events.map((e) => (
            <tr key={e.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50" data-testid="audit-row">
              <td className="whitespace-nowrap px-4 py-2.5 tabular-nums text-slate-600 dark:text-slate-300">
                <Time at={e.at} />
              </td>
              <td className="px-4 py-2.5">
                <p className="text-slate-900 dark:text-slate-100">{e.actorEmail}</p>
                <p className="text-xs text-slate-500 dark:text-slate-400">{e.actorRole}</p>
              </td>
              <td className="px-4 py-2.5 font-mono text-xs">
                {e.tenantSlug ?? <span className="text-slate-500 dark:text-slate-400">platform</span>}
              </td>
              <td className="px-4 py-2.5 font-mono text-xs text-slate-900 dark:text-slate-100">{e.action}</td>
              <td className="max-w-xs break-words px-4 py-2.5 text-slate-700 dark:text-slate-300">{e.target}</td>
              <td className="px-4 py-2.5">
                <Change before={e.before} after={e.after} />
              </td>
              <td className="px-4 py-2.5 text-xs text-slate-500 dark:text-slate-400" title={`request ${e.requestId}`}>
                {e.sourceAddress}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
