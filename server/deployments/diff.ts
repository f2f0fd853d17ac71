/** What changed between two revisions of a target, for the history view and the audit log. */
export type RevisionFields = { version: string; replicas: number; config: Record<string, string> };
export type FieldChange = { field: string; from: string | number | null; to: string | number | null };

export function diffRevisions(before: RevisionFields | null, after: RevisionFields): FieldChange[] {
  const changes: FieldChange[] = [];
  if (before?.version !== after.version)
    changes.push({ field: "version", from: before?.version ?? null, to: after.version });
  if (before?.replicas !== after.replicas)
    changes.push({ field: "replicas", from: before?.replicas ?? null, to: after.replicas });
  const keys = new Set([...Object.keys(before?.config ?? {}), ...Object.keys(after.config)]);
  for (const key of [...keys].sort()) {
    const from = before?.config[key] ?? null;
    const to = after.config[key] ?? null;
    if (from !== to) changes.push({ field: `config.${key}`, from, to });
  }
  return changes;
}
