import type { Metadata } from "next";
import { headers } from "next/headers";
import { ThemeScript } from "@/components/shell/theme-script";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "SyncDeck", template: "%s · SyncDeck" },
  description: "Operations console for a multi-tenant CDC data-sync platform on Apache Kafka",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  // The theme script sets the `dark` class before React hydrates, hence the warning suppressed on <html>.
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
