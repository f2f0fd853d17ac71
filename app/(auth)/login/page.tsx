import { LogoMark } from "@/components/shell/logo-mark";
import { Suspense } from "react";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { SsoButton } from "@/components/auth/sso-button";
import { OIDC_PROVIDER_ID, ssoEnabled } from "@/server/auth/options";
import { getViewer } from "@/server/auth/viewer";
import { DEMO_USERS } from "@/server/auth/demo-users";

export const metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await getViewer()) redirect("/health");
  const showDemoLogins = process.env.SYNCDECK_DEMO === "1";
  return (
    <div className="flex min-h-screen">
      <div className="hidden w-[44%] flex-col justify-between bg-slate-900 p-12 text-slate-300 lg:flex">
        <div className="flex items-center gap-2.5">
          <LogoMark size="h-9 w-9" />
          <span className="text-xl font-semibold text-white">SyncDeck</span>
        </div>
        <div className="max-w-md">
          <h2 className="text-3xl font-semibold leading-tight text-white">
            Every tenant&apos;s data sync, from source commit to target row.
          </h2>
          <p className="mt-4 text-sm leading-relaxed text-slate-400">
            Lag in messages and seconds, CDC flow, retries and the dead-letter topic, entity lookup, deployments and
            tenant onboarding, in one console for ops, product staff and admins.
          </p>
        </div>
        <p className="text-xs text-slate-500 dark:text-slate-400">Apache Kafka · Debezium · PostgreSQL</p>
      </div>
      <div className="flex flex-1 items-center justify-center px-6">
        <div className="w-full max-w-sm">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-slate-100">
            Sign in to SyncDeck
          </h1>
          <p className="mt-1 mb-8 text-sm text-slate-500 dark:text-slate-400">Use your work account.</p>
          <Suspense>
            <LoginForm />
            {ssoEnabled && <SsoButton providerId={OIDC_PROVIDER_ID} />}
          </Suspense>
          {showDemoLogins && (
            <div
              className="mt-8 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 text-xs text-slate-600 dark:text-slate-300"
              data-testid="demo-logins"
            >
              <p className="mb-2 font-semibold text-slate-800 dark:text-slate-200">Demo accounts</p>
              <ul className="space-y-1 font-mono">
                {DEMO_USERS.map((u) => (
                  <li key={u.email}>
                    {u.email} / {u.password}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
