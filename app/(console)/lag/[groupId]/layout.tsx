import { loadGroupPage } from "@/server/lag/group-page";

/** Decides 404 for a missing or unseen group before the page streams. */
export default async function GroupLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ groupId: string }>;
}) {
  await loadGroupPage(decodeURIComponent((await params).groupId));
  return children;
}
