import {
  CheckCircle2,
  CircleDot,
  KeyRound,
  Loader,
  Pause,
  Play,
  RotateCcw,
  Send,
  Settings,
  Trash2,
  XCircle,
} from "lucide-react";
import type { LucideIcon } from "lucide-react";
import { Card, CardHeader } from "@/components/ui/card";
import type { TenantDetailJson } from "./types";
import { Time } from "@/components/ui/time";

const ICONS: Record<string, { icon: LucideIcon; tone: string }> = {
  submitted: { icon: Send, tone: "text-indigo-600 dark:text-indigo-400 bg-indigo-50 dark:bg-indigo-950/40" },
  resubmitted: { icon: Send, tone: "text-indigo-600 dark:text-indigo-400 bg-indigo-50 dark:bg-indigo-950/40" },
  approved: { icon: CheckCircle2, tone: "text-emerald-600 dark:text-emerald-400 bg-emerald-50 dark:bg-emerald-950/40" },
  provisioning: { icon: Loader, tone: "text-amber-600 dark:text-amber-400 bg-amber-50 dark:bg-amber-950/40" },
  provisioned: {
    icon: CheckCircle2,
    tone: "text-emerald-600 dark:text-emerald-400 bg-emerald-50 dark:bg-emerald-950/40",
  },
  declined: { icon: XCircle, tone: "text-red-600 dark:text-red-400 bg-red-50 dark:bg-red-950/40" },
  retried: { icon: RotateCcw, tone: "text-amber-600 dark:text-amber-400 bg-amber-50 dark:bg-amber-950/40" },
  suspend: { icon: Pause, tone: "text-orange-600 dark:text-orange-400 bg-orange-50 dark:bg-orange-950/40" },
  suspended: { icon: Pause, tone: "text-orange-600 dark:text-orange-400 bg-orange-50 dark:bg-orange-950/40" },
  resume: { icon: Play, tone: "text-emerald-600 dark:text-emerald-400 bg-emerald-50 dark:bg-emerald-950/40" },
  resumed: { icon: Play, tone: "text-emerald-600 dark:text-emerald-400 bg-emerald-50 dark:bg-emerald-950/40" },
  offboard: { icon: Trash2, tone: "text-red-600 dark:text-red-400 bg-red-50 dark:bg-red-950/40" },
  offboarded: { icon: Trash2, tone: "text-red-600 dark:text-red-400 bg-red-50 dark:bg-red-950/40" },
  settings: { icon: Settings, tone: "text-slate-600 dark:text-slate-300 bg-slate-100 dark:bg-slate-800" },
  secret_assigned: { icon: KeyRound, tone: "text-slate-600 dark:text-slate-300 bg-slate-100 dark:bg-slate-800" },
};

const FAILED = { icon: XCircle, tone: "text-red-600 dark:text-red-400 bg-red-50 dark:bg-red-950/40" };

/** Everything that happened to the request and the tenant, oldest first, with who did it. */
export function Timeline({ events }: { events: TenantDetailJson["events"] }) {
  return (
    <Card>
      <CardHeader title="Timeline" description={`${events.length} event(s)`} />
      <ol className="space-y-0 px-5 py-4" data-testid="timeline">
        {events.map((e, i) => {
          const { icon: Icon, tone } =
            ICONS[e.kind] ??
            (e.kind.endsWith("_failed")
              ? FAILED
              : { icon: CircleDot, tone: "text-slate-500 dark:text-slate-400 bg-slate-100 dark:bg-slate-800" });
          return (
            <li key={i} className="relative flex gap-3 pb-4 last:pb-0" data-testid="timeline-event" data-kind={e.kind}>
              {i < events.length - 1 && (
                <span
                  className="absolute left-3.5 top-7 h-[calc(100%-1.5rem)] w-px bg-slate-200 dark:bg-slate-700"
                  aria-hidden
                />
              )}
              <span className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-full ${tone}`}>
                <Icon className="h-4 w-4" aria-hidden />
              </span>
              <div className="min-w-0 text-sm">
                <p className="text-slate-800 dark:text-slate-200 [overflow-wrap:anywhere]">{e.message}</p>
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  <span className="font-medium">{e.actor}</span> · <Time at={e.at} />
                </p>
              </div>
            </li>
          );
        })}
        {events.length === 0 && (
          <li className="text-sm text-slate-500 dark:text-slate-400">Nothing has happened yet.</li>
        )}
      </ol>
    </Card>
  );
}
