"use client";

import Link from "@/components/ui/link";
import { usePathname } from "next/navigation";
import {
  Activity,
  BellRing,
  ClipboardList,
  GitBranch,
  Gauge,
  Lock,
  RotateCcw,
  Rocket,
  Search,
  Building2,
  ShieldCheck,
  type LucideIcon,
} from "lucide-react";
import { cn } from "@/components/ui/cn";
import { SURFACES } from "./surfaces";

const ICONS: Record<string, LucideIcon> = {
  "/health": Activity,
  "/flow": GitBranch,
  "/lag": Gauge,
  "/alerts": BellRing,
  "/retries": RotateCcw,
  "/lookup": Search,
  "/deployments": Rocket,
  "/tenants": Building2,
  "/admin": ShieldCheck,
  "/audit": ClipboardList,
};

/** `locked` maps a surface's href to the reason the viewer cannot open it. */
export function SidebarNav({ locked }: { locked: Record<string, string> }) {
  const pathname = usePathname();
  const groups = [...new Set(SURFACES.map((s) => s.group))];
  return (
    <nav aria-label="Console" className="flex flex-col gap-6">
      {groups.map((group) => (
        <div key={group}>
          <p className="px-3 pb-1.5 text-[11px] font-semibold uppercase tracking-wider text-slate-400">{group}</p>
          <ul className="flex flex-col gap-0.5">
            {SURFACES.filter((s) => s.group === group).map((surface) => {
              const Icon = ICONS[surface.href] ?? Activity;
              const reason = locked[surface.href];
              const active = pathname === surface.href || pathname.startsWith(`${surface.href}/`);
              const base = "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium";
              if (reason) {
                return (
                  <li key={surface.href}>
                    <span title={reason} aria-disabled className={cn(base, "cursor-not-allowed text-slate-600")}>
                      <Icon className="h-4 w-4" aria-hidden />
                      {surface.label}
                      <Lock className="ml-auto h-3.5 w-3.5" aria-label={reason} />
                    </span>
                  </li>
                );
              }
              return (
                <li key={surface.href}>
                  <Link
                    href={surface.href}
                    aria-current={active ? "page" : undefined}
                    className={cn(
                      base,
                      active ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white",
                    )}
                  >
                    <Icon className={cn("h-4 w-4", active ? "text-indigo-400" : "text-slate-400")} aria-hidden />
                    {surface.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
