"use client";

import { useMutation } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { fetchJson } from "@/components/ui/fetch-json";

export type ClusterItem = {
  id: string;
  title: string;
  brokers: string[];
  security: { tls: boolean; certFile?: string; sasl?: { mechanism: string; username: string; passwordSecret: string } };
  connectUrl: string | null;
  schemaRegistryUrl: string | null;
  fromEnvironment: boolean;
  environments: string[];
};

const input = "mt-1 rounded-md border border-slate-300 dark:border-slate-600 px-2 py-1.5 text-sm";
const label = "block text-xs font-medium text-slate-600 dark:text-slate-300";

function securityText(c: ClusterItem): string {
  if (c.fromEnvironment) return "KAFKA_SSL* / KAFKA_SASL_*";
  const transport = c.security.tls ? (c.security.certFile ? "mutual TLS" : "TLS") : "plaintext";
  return c.security.sasl ? `${transport}, SASL ${c.security.sasl.mechanism}` : transport;
}

/** The Kafka clusters environments' pipelines use: add one, point an environment at one, remove an unused one. */
export function ClusterAdmin({ clusters, environments }: { clusters: ClusterItem[]; environments: string[] }) {
  const router = useRouter();
  const blank = { id: "", title: "", brokers: "", tls: false, mechanism: "", username: "", secret: "", connectUrl: "" };
  const [draft, setDraft] = useState(blank);
  const [assignment, setAssignment] = useState({ environment: environments[0] ?? "", cluster: "default" });
  const done = { onSuccess: () => router.refresh() };
  const add = useMutation({
    mutationFn: () =>
      fetchJson("/api/admin/clusters", {
        method: "POST",
        body: {
          id: draft.id.trim(),
          title: draft.title.trim() || undefined,
          brokers: draft.brokers
            .split(",")
            .map((b) => b.trim())
            .filter(Boolean),
          security: {
            tls: draft.tls,
            ...(draft.mechanism
              ? { sasl: { mechanism: draft.mechanism, username: draft.username, passwordSecret: draft.secret } }
              : {}),
          },
          connectUrl: draft.connectUrl.trim() || null,
        },
      }),
    onSuccess: () => {
      setDraft(blank);
      router.refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (c: ClusterItem) => fetchJson(`/api/admin/clusters/${c.id}`, { method: "DELETE" }),
    ...done,
  });
  const assign = useMutation({
    mutationFn: () =>
      fetchJson(`/api/admin/environments/${assignment.environment}/cluster`, {
        method: "PUT",
        body: { cluster: assignment.cluster === "default" ? null : assignment.cluster },
      }),
    ...done,
  });
  const error = add.error ?? remove.error ?? assign.error;

  return (
    <Card className="mt-6">
      <CardHeader
        title={`${clusters.length} Kafka clusters`}
        description="The clusters environments' pipelines use; an environment without one uses the default (KAFKA_BROKERS). Secrets are named, never stored: SYNCDECK_KAFKA_SECRET_<NAME>."
      />
      {error && (
        <p
          role="alert"
          className="mx-5 mt-3 rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-700 dark:text-red-300"
        >
          {error.message}
        </p>
      )}
      <table className="w-full text-left text-sm" data-testid="cluster-table">
        <thead className="border-b border-slate-200 dark:border-slate-700 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
          <tr>
            <th className="px-5 py-3 font-medium">Cluster</th>
            <th className="px-5 py-3 font-medium">Brokers</th>
            <th className="px-5 py-3 font-medium">Security</th>
            <th className="px-5 py-3 font-medium">Connect</th>
            <th className="px-5 py-3 font-medium">Environments</th>
            <th className="px-5 py-3 text-right font-medium">Actions</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {clusters.map((c) => (
            <tr key={c.id} data-testid={`cluster-${c.id}`}>
              <td className="px-5 py-3">
                <div className="font-medium text-slate-900 dark:text-slate-100">{c.title}</div>
                <div className="font-mono text-xs text-slate-500 dark:text-slate-400">{c.id}</div>
              </td>
              <td className="px-5 py-3 font-mono text-xs">{c.brokers.join(", ")}</td>
              <td className="px-5 py-3 text-xs">{securityText(c)}</td>
              <td className="px-5 py-3 font-mono text-xs">{c.connectUrl ?? "—"}</td>
              <td className="px-5 py-3 text-xs">
                {c.environments.join(", ") || (c.fromEnvironment ? "every environment without one" : "—")}
              </td>
              <td className="px-5 py-3 text-right">
                <Button
                  variant="danger"
                  onClick={() => remove.mutate(c)}
                  disabledReason={
                    c.fromEnvironment
                      ? "declared by KAFKA_BROKERS where the console runs"
                      : c.environments.length > 0
                        ? `used by ${c.environments.join(", ")}; move them to another cluster first`
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
      <CardBody className="space-y-4 border-t border-slate-100 dark:border-slate-800">
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate();
          }}
        >
          <label className="text-sm">
            <span className={label}>Name</span>
            <input
              required
              value={draft.id}
              onChange={(e) => setDraft({ ...draft, id: e.target.value })}
              placeholder="staging-kafka"
              className={`${input} font-mono`}
            />
          </label>
          <label className="text-sm">
            <span className={label}>Title</span>
            <input
              value={draft.title}
              onChange={(e) => setDraft({ ...draft, title: e.target.value })}
              placeholder="Staging Kafka"
              className={input}
            />
          </label>
          <label className="text-sm">
            <span className={label}>Brokers</span>
            <input
              required
              value={draft.brokers}
              onChange={(e) => setDraft({ ...draft, brokers: e.target.value })}
              placeholder="b-1.staging:9096,b-2.staging:9096"
              className={`${input} font-mono`}
            />
          </label>
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input
              type="checkbox"
              checked={draft.tls}
              onChange={(e) => setDraft({ ...draft, tls: e.target.checked })}
            />
            TLS
          </label>
          <label className="text-sm">
            <span className={label}>SASL</span>
            <select
              value={draft.mechanism}
              onChange={(e) => setDraft({ ...draft, mechanism: e.target.value })}
              className={input}
            >
              <option value="">none</option>
              <option>plain</option>
              <option>scram-sha-256</option>
              <option>scram-sha-512</option>
            </select>
          </label>
          {draft.mechanism && (
            <>
              <label className="text-sm">
                <span className={label}>SASL user</span>
                <input
                  required
                  value={draft.username}
                  onChange={(e) => setDraft({ ...draft, username: e.target.value })}
                  className={input}
                />
              </label>
              <label className="text-sm">
                <span className={label}>Password secret (NAME of SYNCDECK_KAFKA_SECRET_NAME)</span>
                <input
                  required
                  value={draft.secret}
                  onChange={(e) => setDraft({ ...draft, secret: e.target.value })}
                  placeholder="STAGING_SASL"
                  className={`${input} font-mono`}
                />
              </label>
            </>
          )}
          <label className="text-sm">
            <span className={label}>Connect URL</span>
            <input
              value={draft.connectUrl}
              onChange={(e) => setDraft({ ...draft, connectUrl: e.target.value })}
              placeholder="http://connect.staging:8083"
              className={`${input} font-mono`}
            />
          </label>
          <Button type="submit" variant="primary" disabledReason={add.isPending ? "adding…" : null}>
            <Plus className="mr-1 inline h-4 w-4" aria-hidden />
            Add cluster
          </Button>
        </form>
        {environments.length > 0 && (
          <form
            className="flex flex-wrap items-end gap-3"
            onSubmit={(event) => {
              event.preventDefault();
              assign.mutate();
            }}
          >
            <label className="text-sm">
              <span className={label}>Environment</span>
              <select
                value={assignment.environment}
                onChange={(e) => setAssignment({ ...assignment, environment: e.target.value })}
                className={input}
              >
                {environments.map((e) => (
                  <option key={e}>{e}</option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              <span className={label}>uses cluster</span>
              <select
                value={assignment.cluster}
                onChange={(e) => setAssignment({ ...assignment, cluster: e.target.value })}
                className={input}
              >
                {["default", ...clusters.filter((c) => !c.fromEnvironment).map((c) => c.id)].map((id) => (
                  <option key={id}>{id}</option>
                ))}
              </select>
            </label>
            <Button type="submit" disabledReason={assign.isPending ? "saving…" : null}>
              Use cluster
            </Button>
          </form>
        )}
      </CardBody>
    </Card>
  );
}
