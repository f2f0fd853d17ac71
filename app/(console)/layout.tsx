import { LogoMark } from "@/components/shell/logo-mark";
import Link from "@/components/ui/link";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { CommandPalette } from "@/components/shell/command-palette";
import { DisplayProvider, DisplaySettings } from "@/components/shell/display-settings";
import { paletteEntries } from "@/components/shell/palette-entries";
import {
  readTheme,
  readTimeChoice,
  THEME_COOKIE,
  TIME_COOKIE,
  ZONE_COOKIE,
} from "@/components/shell/display-preferences";
import { Providers } from "@/components/shell/providers";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { SURFACES } from "@/components/shell/surfaces";
import { UserMenu } from "@/components/shell/user-menu";
import { decideAccess, describeRoles } from "@/server/auth/access";
import { getViewer } from "@/server/auth/viewer";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const locked: Record<string, string> = {};
  for (const surface of SURFACES) {
    const decision = decideAccess(viewer, surface.permission);
    if (!decision.allowed) locked[surface.href] = decision.reason;
  }
  const entries = paletteEntries((permission) => decideAccess(viewer, permission).allowed);
  const environment = process.env.SYNCDECK_ENVIRONMENT_LABEL ?? "local";
  const jar = await cookies();

  return (
    <Providers>
      <DisplayProvider
        initialTheme={readTheme(jar.get(THEME_COOKIE)?.value)}
        initialTime={readTimeChoice(jar.get(TIME_COOKIE)?.value)}
        storedZone={jar.get(ZONE_COOKIE)?.value}
      >
        <div className="flex min-h-screen">
          <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col bg-slate-900 px-3 py-5">
            <Link href="/health" className="mb-8 flex items-center gap-2.5 px-3">
              <LogoMark />
              <span className="text-lg font-semibold tracking-tight text-white">SyncDeck</span>
            </Link>
            <SidebarNav locked={locked} />
            <div className="mt-auto rounded-lg bg-slate-800/60 px-3 py-2.5 text-xs text-slate-400">
              <p className="font-medium text-slate-300">Environment</p>
              <p className="mt-0.5 font-mono" data-testid="environment">
                {environment}
              </p>
            </div>
          </aside>
          <div className="flex min-w-0 flex-1 flex-col">
            <header className="sticky top-0 z-10 flex h-16 items-center justify-between gap-4 border-b border-slate-200 bg-white/90 px-8 backdrop-blur dark:border-slate-800 dark:bg-slate-900/90">
              <CommandPalette entries={entries} />
              <div className="flex items-center gap-5">
                <DisplaySettings />
                <UserMenu name={viewer.name} email={viewer.email} roles={describeRoles(viewer)} />
              </div>
            </header>
            <main className="flex-1 px-8 py-8">{children}</main>
          </div>
        </div>
      </DisplayProvider>
    </Providers>
  );
}
