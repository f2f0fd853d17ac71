/** What a pager shows, from the page the server answered. Pure. */
export type PageState = { page: number; pageSize: number; total: number };

const count = (n: number) => n.toLocaleString("en-US");

/** The last page that has rows (1 when there are none). */
export function lastPage({ pageSize, total }: PageState): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** "21–40 of 132"; a page past the end says so instead of a range that runs backwards. */
export function describePageRange(state: PageState): string {
  const { page, pageSize, total } = state;
  if (total === 0) return "0 of 0";
  const first = (page - 1) * pageSize + 1;
  if (first > total) return `page ${count(page)} of ${count(lastPage(state))} is past the end (${count(total)} in all)`;
  return `${count(first)}–${count(Math.min(page * pageSize, total))} of ${count(total)}`;
}
