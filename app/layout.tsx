import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "SyncDeck", template: "%s · SyncDeck" },
  description: "Operations console for a multi-tenant CDC data-sync platform on Apache Kafka",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
