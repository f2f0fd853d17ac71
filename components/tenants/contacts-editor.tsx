"use client";

import { Plus, Trash2 } from "lucide-react";
import { Field, inputClass } from "./field";
import type { ContactRow } from "./request-form-state";

const MAX_CONTACTS = 10;

/** Contact rows with add and remove; at least one row stays. */
export function ContactsEditor({
  contacts,
  errors,
  onChange,
}: {
  contacts: ContactRow[];
  errors: Record<string, string>;
  onChange: (contacts: ContactRow[]) => void;
}) {
  const set = (index: number, patch: Partial<ContactRow>) =>
    onChange(contacts.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Contacts</legend>
      {contacts.map((contact, i) => (
        <div key={i} className="flex items-start gap-2" data-testid="contact-row">
          <Field label={`Contact ${i + 1} name`} error={errors[`contacts.${i}.name`]} className="flex-1">
            <input
              className={inputClass}
              value={contact.name}
              onChange={(e) => set(i, { name: e.target.value })}
              autoComplete="off"
            />
          </Field>
          <Field label={`Contact ${i + 1} email`} error={errors[`contacts.${i}.email`]} className="flex-1">
            <input
              className={inputClass}
              type="email"
              value={contact.email}
              onChange={(e) => set(i, { email: e.target.value })}
              autoComplete="off"
            />
          </Field>
          <button
            type="button"
            onClick={() => onChange(contacts.filter((_, j) => j !== i))}
            disabled={contacts.length === 1}
            title={contacts.length === 1 ? "at least one contact is required" : `remove contact ${i + 1}`}
            className="mt-7 rounded-md p-1.5 text-slate-500 dark:text-slate-400 hover:bg-red-50 dark:hover:bg-red-950/40 hover:text-red-700 dark:hover:text-red-300 disabled:cursor-not-allowed disabled:opacity-40"
          >
            <Trash2 className="h-4 w-4" aria-hidden />
            <span className="sr-only">Remove contact {i + 1}</span>
          </button>
        </div>
      ))}
      {errors.contacts && <p className="text-xs text-red-700 dark:text-red-300">{errors.contacts}</p>}
      <button
        type="button"
        onClick={() => onChange([...contacts, { name: "", email: "" }])}
        disabled={contacts.length >= MAX_CONTACTS}
        className="inline-flex items-center gap-1 text-sm font-medium text-indigo-600 dark:text-indigo-400 hover:underline disabled:opacity-40"
      >
        <Plus className="h-4 w-4" aria-hidden /> Add a contact
      </button>
    </fieldset>
  );
}
