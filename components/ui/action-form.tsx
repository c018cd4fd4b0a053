"use client";

import { type FormEvent, type ReactNode, useState } from "react";
import { useServerAction } from "@/lib/client/use-server-action";
import type { ActionResult } from "@/lib/errors";
import { Button } from "./button";
import { SelectField, TextField } from "./field";
import { Alert } from "./layout";

export type FormFieldSpec = {
  name: string;
  label: string;
  type?: "text" | "email" | "number";
  hint?: string;
  options?: { value: string; label: string }[];
  initial?: string;
  autoComplete?: string;
};

// Any server action fits: form values are strings, and the action's own schema validates
// and coerces them on the server, which is the check that counts.
type FormAction<R> = (input: never) => Promise<ActionResult<R>>;
type StringAction<R> = (input: Record<string, string>) => Promise<ActionResult<R>>;

type Props<R> = {
  action: FormAction<R>;
  fields: FormFieldSpec[];
  /** Values sent along that the user does not edit (e.g. the organization an admin is viewing). */
  fixed?: Record<string, string>;
  submitLabel: string;
  successMessage: string;
  onSuccess?: (data: R) => void;
  children?: ReactNode;
};

const initialValues = (fields: FormFieldSpec[]) =>
  Object.fromEntries(fields.map((f) => [f.name, f.initial ?? f.options?.[0]?.value ?? ""]));

/** A validated form bound to one server action, with field errors, pending and result states. */
export function ActionForm<R>({ action, fields, fixed, submitLabel, successMessage, onSuccess, children }: Props<R>) {
  const [values, setValues] = useState<Record<string, string>>(() => initialValues(fields));
  // Every form built on this changes what its page shows.
  const submit = useServerAction(action as StringAction<R>, {
    invalidates: "page",
    onSuccess: (data) => {
      setValues(initialValues(fields));
      onSuccess?.(data);
    },
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit.run({ ...values, ...fixed });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {fields.map((field) => {
        const common = {
          label: field.label,
          hint: field.hint,
          value: values[field.name] ?? "",
          error: submit.fieldError(field.name),
          name: field.name,
        };
        const change = (value: string) => setValues((current) => ({ ...current, [field.name]: value }));
        return field.options ? (
          <SelectField key={field.name} {...common} options={field.options} onChange={(e) => change(e.target.value)} />
        ) : (
          <TextField
            key={field.name}
            {...common}
            type={field.type ?? "text"}
            autoComplete={field.autoComplete}
            onChange={(e) => change(e.target.value)}
          />
        );
      })}
      {submit.errorMessage && <Alert tone="danger">{submit.errorMessage}</Alert>}
      {submit.succeeded && <Alert tone="success">{successMessage}</Alert>}
      {children}
      <div>
        <Button type="submit" pending={submit.pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
