"use client";

import { useEffect, useId, useRef } from "react";
import { X } from "lucide-react";
import { focusableIn, wrapFocus } from "./dialog-focus";

/**
 * A modal panel over the page (the native <dialog>, opened with showModal so the rest of the page is
 * inert). Focus moves into it, Tab stays inside it, Escape closes it from anywhere within, the ✕
 * button closes it, and focus goes back to what opened it.
 */
export function Dialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const keepFocusInside = (event: React.KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== "Tab" || !ref.current) return;
    const items = focusableIn(ref.current);
    const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const target = wrapFocus(items, active, event.shiftKey);
    if (target) {
      event.preventDefault();
      target.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      // Escape: the browser cancels the dialog; the owner decides what closing means.
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={keepFocusInside}
      className="mx-auto mt-20 w-full max-w-lg rounded-xl bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40 dark:bg-slate-900 dark:text-slate-100 dark:ring-1 dark:ring-slate-700 dark:backdrop:bg-black/60"
    >
      <div className="flex items-center justify-between border-b border-slate-100 px-5 py-4 dark:border-slate-800">
        <h2 id={titleId} className="text-base font-semibold text-slate-900 dark:text-slate-100">
          {title}
        </h2>
        <button
          type="button"
          onClick={onClose}
          className="rounded-md p-1 text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-slate-400 dark:hover:bg-slate-800"
          title="Close"
        >
          <X className="h-4 w-4" aria-hidden />
          <span className="sr-only">Close</span>
        </button>
      </div>
      <div className="px-5 py-4">{children}</div>
    </dialog>
  );
}
