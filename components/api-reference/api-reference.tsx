"use client";

import "@scalar/api-reference/style.css";
import { useEffect, useRef, useState } from "react";

/**
 * Scalar's API reference, bundled with the console (nothing is fetched from elsewhere: no fonts,
 * no request proxy, no telemetry, no AI agent), mounted in the browser only: it is a Vue app.
 */
export function ApiReference({ specUrl }: { specUrl: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let app: { destroy?: () => void } | undefined;
    let cancelled = false;
    import("@scalar/api-reference")
      .then(({ createApiReference }) => {
        if (cancelled || !container.current) return;
        app = createApiReference(container.current, {
          url: specUrl,
          withDefaultFonts: false,
          telemetry: false,
          hideClientButton: true,
          showDeveloperTools: "never",
          agent: { disabled: true },
          hideDarkModeToggle: true,
          documentDownloadType: "none",
        });
      })
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
    return () => {
      cancelled = true;
      app?.destroy?.();
    };
  }, [specUrl]);

  if (problem)
    return (
      <p role="alert" className="text-sm text-red-700">
        The reference could not be shown: {problem}
      </p>
    );
  return <div ref={container} data-testid="api-reference" className="-mx-8 min-h-[60vh]" />;
}
