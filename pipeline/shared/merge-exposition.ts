/**
 * One Prometheus text exposition from several (the agent serves its processors' metrics on its own
 * port): a family's HELP and TYPE once, then the samples of every input. The inputs must not share
 * a series (the processors label theirs with `instance_id`). Pure.
 */
export function mergeExpositions(texts: readonly string[]): string {
  const families = new Map<string, { header: string[]; samples: string[] }>();
  for (const text of texts) {
    let current: { header: string[]; samples: string[] } | undefined;
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      const meta = /^# (HELP|TYPE) (\S+)/.exec(line);
      if (meta) {
        const name = meta[2]!;
        current = families.get(name);
        if (!current) {
          current = { header: [], samples: [] };
          families.set(name, current);
        }
        if (!current.header.some((h) => h.startsWith(`# ${meta[1]} `))) current.header.push(line);
        continue;
      }
      if (line.startsWith("#")) continue;
      current?.samples.push(line);
    }
  }
  const lines = [...families.values()].flatMap((f) => [...f.header, ...f.samples]);
  return lines.length ? `${lines.join("\n")}\n` : "";
}
