"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "./field";

/**
 * The admin's assignment of the platform secret holding an external source's password. The server
 * refuses a secret that is not registered for the source's host and port, and says so.
 */
export function SourceSecretForm({
  assigned,
  busy,
  assign,
}: {
  assigned: boolean;
  busy: boolean;
  assign: (passwordSecret: string) => Promise<boolean>;
}) {
  const [name, setName] = useState("");
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      data-testid="source-secret-form"
      onSubmit={(e) => {
        e.preventDefault();
        void assign(name.trim()).then((ok) => ok && setName(""));
      }}
    >
      <label className="min-w-64 flex-1 text-sm">
        <span className="font-medium text-slate-700 dark:text-slate-300">
          {assigned ? "Replace the source's password secret" : "Password secret for the source"}
        </span>
        <input
          className={inputClass}
          value={name}
          onChange={(e) => setName(e.target.value.toUpperCase())}
          placeholder="INITECH"
        />
        <span className="mt-1 block text-xs text-slate-500 dark:text-slate-400">
          the NAME of SYNCDECK_SOURCE_SECRET_NAME, registered for this host in SYNCDECK_SOURCE_SECRET_NAME_HOSTS
        </span>
      </label>
      <Button type="submit" disabledReason={name.trim() === "" ? "type the secret's name" : busy ? "working…" : null}>
        Assign secret
      </Button>
    </form>
  );
}
