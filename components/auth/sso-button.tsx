"use client";

import { signIn } from "next-auth/react";
import { useSearchParams } from "next/navigation";
import { safeCallbackPath } from "./safe-callback";

/** Messages for next-auth's ?error= codes after an SSO round trip; no detail that helps enumeration. */
const SSO_ERRORS: Record<string, string> = {
  AccessDenied: "Your SSO account has no SyncDeck access, or it is disabled. Ask an admin.",
  OAuthSignin: "Could not reach the SSO provider. Try again.",
  OAuthCallback: "The SSO provider's answer could not be verified. Try again.",
};

export function SsoButton({ providerId }: { providerId: string }) {
  const params = useSearchParams();
  const error = params.get("error");
  return (
    <div className="mt-6">
      <div className="mb-4 flex items-center gap-3 text-xs text-slate-500 dark:text-slate-400">
        <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
        or
        <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
      </div>
      {error && SSO_ERRORS[error] && (
        <p
          className="mb-3 rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-700 dark:text-red-300"
          data-testid="sso-error"
        >
          {SSO_ERRORS[error]}
        </p>
      )}
      <button
        type="button"
        onClick={() => signIn(providerId, { callbackUrl: safeCallbackPath(params.get("callbackUrl")) })}
        className="w-full rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-4 py-2.5 text-sm font-semibold text-slate-800 dark:text-slate-200 shadow-sm hover:bg-slate-50 dark:hover:bg-slate-800/50"
      >
        Sign in with SSO
      </button>
    </div>
  );
}
