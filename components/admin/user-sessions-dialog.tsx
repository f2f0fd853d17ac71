"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { fetchJson } from "@/components/ui/fetch-json";
import type { SessionSummary } from "@/server/auth/user-sessions";
import type { UserSummary } from "@/server/admin/user-summary";
import { Time } from "@/components/ui/time";

/** A user's open sessions, each with where and when it started; ending one signs that browser out. */
export function UserSessionsDialog({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const queryClient = useQueryClient();
  const key = ["users", user.id, "sessions"];
  const { data: sessions, error } = useQuery({
    queryKey: key,
    queryFn: async () => (await fetchJson<{ sessions: SessionSummary[] }>(`/api/users/${user.id}/sessions`)).sessions,
  });
  const end = useMutation({
    mutationFn: (sessionId: string | null) =>
      fetchJson(`/api/users/${user.id}/sessions${sessionId ? `/${sessionId}` : ""}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const failure = error ?? end.error;
  return (
    <Dialog title={`Sessions of ${user.name}`} onClose={onClose}>
      <div className="space-y-3" data-testid="user-sessions">
        {failure && (
          <p
            role="alert"
            className="rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-700 dark:text-red-300"
          >
            {failure.message}
          </p>
        )}
        {sessions?.length === 0 && <p className="text-sm text-slate-500 dark:text-slate-400">No open sessions.</p>}
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {sessions?.map((s) => (
            <li key={s.id} className="flex items-start justify-between gap-3 py-2 text-sm">
              <div className="min-w-0">
                <p className="truncate text-slate-900 dark:text-slate-100" title={s.userAgent}>
                  {s.userAgent}
                </p>
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  from {s.sourceAddress} · signed in <Time at={s.createdAt} style="minute" /> · last seen{" "}
                  <Time at={s.lastSeenAt} style="minute" /> · ends <Time at={s.expiresAt} style="minute" />
                </p>
              </div>
              <Button variant="danger" disabled={end.isPending} onClick={() => end.mutate(s.id)}>
                End
              </Button>
            </li>
          ))}
        </ul>
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Close</Button>
          <Button
            variant="danger"
            disabledReason={sessions?.length ? null : "No open sessions"}
            disabled={end.isPending}
            onClick={() => end.mutate(null)}
          >
            End all sessions
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
