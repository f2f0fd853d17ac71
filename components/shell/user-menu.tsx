"use client";

import { signOut } from "next-auth/react";
import Link from "@/components/ui/link";
import { BookOpen, LogOut } from "lucide-react";

export function UserMenu({ name, email, roles }: { name: string; email: string; roles: string }) {
  const initials = name
    .split(/\s+/)
    .map((part) => part[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <div className="flex items-center gap-3">
      <div className="text-right leading-tight">
        <p className="text-sm font-medium text-slate-900 dark:text-slate-100" data-testid="user-name">
          {name}
        </p>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {email} · <span data-testid="user-roles">{roles}</span>
        </p>
      </div>
      <div
        className="flex h-9 w-9 items-center justify-center rounded-full bg-indigo-600 text-sm font-semibold text-white"
        aria-hidden
      >
        {initials}
      </div>
      <Link
        href="/api/docs"
        className="rounded-md p-2 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
        title="API reference"
      >
        <BookOpen className="h-4 w-4" aria-hidden />
        <span className="sr-only">API reference</span>
      </Link>
      <button
        type="button"
        onClick={() => signOut({ callbackUrl: "/login" })}
        className="rounded-md p-2 text-slate-500 dark:text-slate-400 hover:bg-slate-100 dark:hover:bg-slate-800 hover:text-slate-900 dark:hover:text-white"
        title="Sign out"
      >
        <LogOut className="h-4 w-4" aria-hidden />
        <span className="sr-only">Sign out</span>
      </button>
    </div>
  );
}
