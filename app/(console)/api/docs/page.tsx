import { Download } from "lucide-react";
import { ApiReference } from "@/components/api-reference/api-reference";
import { PageHeader } from "@/components/ui/page-header";
import { redirect } from "next/navigation";
import { getViewer } from "@/server/auth/viewer";

export const metadata = { title: "API reference" };

/** The REST API's reference, rendered in the browser from GET /api/openapi.json (any signed-in user). */
export default async function ApiDocsPage() {
  if (!(await getViewer())) redirect("/login?callbackUrl=/api/docs");
  return (
    <>
      <PageHeader
        title="API reference"
        description="Every console action is one of these calls: parameters, bodies, answers and errors, generated from the schemas the server validates with."
        actions={
          <a
            href="/api/openapi.json"
            download="syncdeck-openapi.json"
            className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
          >
            <Download className="h-4 w-4" aria-hidden /> openapi.json
          </a>
        }
      />
      <ApiReference specUrl="/api/openapi.json" />
    </>
  );
}
