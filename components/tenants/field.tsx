import { cn } from "@/components/ui/cn";

export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 dark:border-slate-600 px-2.5 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500";

/** A labelled form field with its hint and, when invalid, the message in red under it (outside the label, so the label names only the field). */
export function Field({
  label,
  hint,
  error,
  className,
  children,
}: {
  label: string;
  hint?: string;
  error?: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={cn("text-sm", className)}>
      <label className="block">
        <span className="font-medium text-slate-700 dark:text-slate-300">{label}</span>
        {children}
      </label>
      {error ? (
        <p className="mt-1 text-xs text-red-700 dark:text-red-300" data-testid="field-error">
          {error}
        </p>
      ) : hint ? (
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{hint}</p>
      ) : null}
    </div>
  );
}
