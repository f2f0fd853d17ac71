"use client";

import { useMutation } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { fetchJson } from "@/components/ui/fetch-json";
import { Time } from "@/components/ui/time";

export type EnvironmentItem = {
  id: string;
  title: string;
  driver: string;
  protected: boolean;
  deployments: number;
  agentSeenAt: string | null;
  agentTokenSet: boolean;
  agentConnectedAt: string | null;
};

/** The environments processors run in: add one, protect it (deployments then wait for an admin), remove an unused one. */
export function EnvironmentAdmin({ environments, drivers }: { environments: EnvironmentItem[]; drivers: string[] }) {
  const router = useRouter();
  const blank = { id: "", title: "", driver: drivers[0] ?? "local", protected: false, namespace: "", image: "" };
  const [draft, setDraft] = useState(blank);
  // The new environment's agent token, shown this once (only its hash is stored).
  const [issued, setIssued] = useState<{ id: string; token: string } | null>(null);
  const done = { onSuccess: () => router.refresh() };
  const add = useMutation({
    mutationFn: () => {
      const { namespace, image, ...fields } = draft;
      // a kubernetes environment needs its namespace and image repository; the API says what else it takes
      const settings = draft.driver === "kubernetes" ? { namespace: namespace.trim(), image: image.trim() } : {};
      return fetchJson<{ environment: { id: string }; agentToken: string }>("/api/environments", {
        method: "POST",
        body: { ...fields, settings, title: draft.title.trim() || undefined },
      });
    },
    onSuccess: (created) => {
      setIssued({ id: created.environment.id, token: created.agentToken });
      setDraft(blank);
      router.refresh();
    },
  });
  const protect = useMutation({
    mutationFn: (e: EnvironmentItem) =>
      fetchJson(`/api/environments/${e.id}`, { method: "PATCH", body: { protected: !e.protected } }),
    ...done,
  });
  const remove = useMutation({
    mutationFn: (e: EnvironmentItem) => fetchJson(`/api/environments/${e.id}`, { method: "DELETE" }),
    ...done,
  });
  const error = add.error ?? protect.error ?? remove.error;

  return (
    <Card className="mt-6">
      <CardHeader
        title={`${environments.length} environments`}
        description="Where processors run. Deployments to a protected environment wait for another admin's approval."
      />
      {error && (
        <p
          role="alert"
          className="mx-5 mt-3 rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-700 dark:text-red-300"
        >
          {error.message}
        </p>
      )}
      {issued && (
        <div
          role="status"
          data-testid="agent-token"
          className="mx-5 mt-3 rounded-md bg-emerald-50 dark:bg-emerald-950/40 px-3 py-2 text-sm text-emerald-900 dark:text-emerald-100"
        >
          <p>
            Agent token of <span className="font-mono">{issued.id}</span>, shown only now: run its agent with{" "}
            <span className="font-mono">SYNCDECK_AGENT_TOKEN</span> set to
          </p>
          <code className="mt-1 block select-all break-all font-mono text-xs">{issued.token}</code>
          <Button className="mt-2" onClick={() => setIssued(null)}>
            Done
          </Button>
        </div>
      )}
      <table className="w-full text-left text-sm" data-testid="environment-table">
        <thead className="border-b border-slate-200 dark:border-slate-700 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
          <tr>
            <th className="px-5 py-3 font-medium">Environment</th>
            <th className="px-5 py-3 font-medium">Driver</th>
            <th className="px-5 py-3 font-medium">Approval</th>
            <th className="px-5 py-3 font-medium">Deployments</th>
            <th className="px-5 py-3 font-medium">Agent</th>
            <th className="px-5 py-3 text-right font-medium">Actions</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {environments.map((e) => (
            <tr key={e.id} data-testid={`environment-${e.id}`}>
              <td className="px-5 py-3">
                <div className="font-medium text-slate-900 dark:text-slate-100">{e.title}</div>
                <div className="font-mono text-xs text-slate-500 dark:text-slate-400">{e.id}</div>
              </td>
              <td className="px-5 py-3">{e.driver}</td>
              <td className="px-5 py-3">
                {e.protected ? (
                  <span className="rounded-full bg-amber-100 dark:bg-amber-900/40 px-2 py-0.5 text-xs font-medium text-amber-800 dark:text-amber-200">
                    protected
                  </span>
                ) : (
                  <span className="rounded-full bg-slate-100 dark:bg-slate-800 px-2 py-0.5 text-xs font-medium text-slate-600 dark:text-slate-300">
                    none
                  </span>
                )}
              </td>
              <td className="px-5 py-3 tabular-nums">{e.deployments}</td>
              <td className="px-5 py-3 text-xs">
                <div>
                  {e.agentSeenAt ? (
                    <span>
                      agent last seen <Time at={e.agentSeenAt} />
                    </span>
                  ) : (
                    <span className="text-red-700 dark:text-red-300">never reported</span>
                  )}
                </div>
                {e.agentConnectedAt && (
                  <div className="text-slate-500 dark:text-slate-400">
                    started <Time at={e.agentConnectedAt} />
                  </div>
                )}
                <div>
                  {e.agentTokenSet ? (
                    <span className="text-slate-500 dark:text-slate-400">token set</span>
                  ) : (
                    <span
                      className="text-red-700 dark:text-red-300"
                      title={`syncdeck environment rotate-token ${e.id}`}
                    >
                      no token: the agent cannot start
                    </span>
                  )}
                </div>
              </td>
              <td className="space-x-2 px-5 py-3 text-right">
                <Button onClick={() => protect.mutate(e)} disabled={protect.isPending}>
                  {e.protected ? "Unprotect" : "Protect"}
                </Button>
                <Button
                  variant="danger"
                  onClick={() => remove.mutate(e)}
                  disabledReason={
                    e.deployments > 0
                      ? `${e.deployments} deployment revision(s) keep its history; stop its processors instead`
                      : remove.isPending
                        ? "removing…"
                        : null
                  }
                >
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CardBody className="border-t border-slate-100 dark:border-slate-800">
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate();
          }}
        >
          <label className="text-sm">
            <span className="block text-xs font-medium text-slate-600 dark:text-slate-300">Name</span>
            <input
              required
              value={draft.id}
              onChange={(e) => setDraft({ ...draft, id: e.target.value })}
              placeholder="staging"
              className="mt-1 rounded-md border border-slate-300 dark:border-slate-600 px-2 py-1.5 font-mono text-sm"
            />
          </label>
          <label className="text-sm">
            <span className="block text-xs font-medium text-slate-600 dark:text-slate-300">Title</span>
            <input
              value={draft.title}
              onChange={(e) => setDraft({ ...draft, title: e.target.value })}
              placeholder="Staging"
              className="mt-1 rounded-md border border-slate-300 dark:border-slate-600 px-2 py-1.5 text-sm"
            />
          </label>
          <label className="text-sm">
            <span className="block text-xs font-medium text-slate-600 dark:text-slate-300">Driver</span>
            <select
              value={draft.driver}
              onChange={(e) => setDraft({ ...draft, driver: e.target.value })}
              className="mt-1 rounded-md border border-slate-300 dark:border-slate-600 px-2 py-1.5 text-sm"
            >
              {drivers.map((d) => (
                <option key={d}>{d}</option>
              ))}
            </select>
          </label>
          {draft.driver === "kubernetes" && (
            <>
              <label className="text-sm">
                <span className="block text-xs font-medium text-slate-600">Namespace</span>
                <input
                  required
                  value={draft.namespace}
                  onChange={(e) => setDraft({ ...draft, namespace: e.target.value })}
                  placeholder="syncdeck-processors"
                  className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 font-mono text-sm"
                />
              </label>
              <label className="text-sm">
                <span className="block text-xs font-medium text-slate-600">Image (without tag)</span>
                <input
                  required
                  value={draft.image}
                  onChange={(e) => setDraft({ ...draft, image: e.target.value })}
                  placeholder="registry.example.com/syncdeck"
                  className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 font-mono text-sm"
                />
              </label>
            </>
          )}
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input
              type="checkbox"
              checked={draft.protected}
              onChange={(e) => setDraft({ ...draft, protected: e.target.checked })}
            />
            Protected
          </label>
          <Button type="submit" variant="primary" disabledReason={add.isPending ? "adding…" : null}>
            <Plus className="mr-1 inline h-4 w-4" aria-hidden />
            Add environment
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
