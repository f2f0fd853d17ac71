import { Button } from "./button";

/** A dialog form's last lines: the server's error if the submit failed, Cancel and the submit button. */
export function FormFooter({
  error,
  pending,
  label,
  pendingLabel,
  onCancel,
}: {
  error: Error | null;
  pending: boolean;
  label: string;
  pendingLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      {error && (
        <p
          role="alert"
          className="rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-700 dark:text-red-300"
        >
          {error.message}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? pendingLabel : label}
        </Button>
      </div>
    </>
  );
}
