import { loadMemberPage } from "@/server/lookup/member-page";

/** Decides 404 for a member that is not there before the page streams. */
export default async function MemberLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string; memberId: string }>;
}) {
  const { slug, memberId } = await params;
  await loadMemberPage(decodeURIComponent(slug), decodeURIComponent(memberId));
  return children;
}
