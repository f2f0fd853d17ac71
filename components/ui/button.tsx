import { cn } from "./cn";

type Variant = "primary" | "secondary" | "danger";

const VARIANTS: Record<Variant, string> = {
  primary: "bg-indigo-600 text-white shadow-sm hover:bg-indigo-500",
  secondary:
    "border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 text-slate-700 dark:text-slate-300 hover:bg-slate-50 dark:hover:bg-slate-800/50",
  danger:
    "border border-red-200 dark:border-red-800 bg-white dark:bg-slate-900 text-red-700 dark:text-red-300 hover:bg-red-50 dark:hover:bg-red-950/40",
};

/** A button that says why it is disabled: pass `disabledReason` and it becomes the tooltip. */
export function Button({
  variant = "secondary",
  disabledReason,
  className,
  disabled,
  title,
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; disabledReason?: string | null }) {
  const isDisabled = Boolean(disabled || disabledReason);
  return (
    <button
      type="button"
      {...props}
      disabled={isDisabled}
      title={disabledReason ?? title}
      className={cn(
        "rounded-md px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50",
        VARIANTS[variant],
        className,
      )}
    />
  );
}
