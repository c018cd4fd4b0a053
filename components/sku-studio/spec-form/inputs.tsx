"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import type { Path } from "@/lib/skus/edit-path";
import { useSpecForm } from "./form-context";

/** Inputs bound to a path of the spec being edited; labels are keys under `skuForm.fields`. */

type Bound = { path: Path; label: string; hint?: string };

export function TextInput({ path, label, hint, optional = false, ...rest }: Bound & { optional?: boolean; className?: string; type?: "text" | "password" }) {
  const { read, write, errorOf } = useSpecForm();
  const value = read(path);
  return (
    <TextField
      label={label}
      hint={hint}
      value={typeof value === "string" ? value : ""}
      error={errorOf(path)}
      autoComplete="off"
      onChange={(e) => write(path, optional && e.target.value === "" ? undefined : e.target.value)}
      {...rest}
    />
  );
}

/** Empty means "not set" for an optional number; a required one is left empty for the server to name. */
export function NumberInput({ path, label, hint, step = "any", min }: Bound & { step?: number | "any"; min?: number }) {
  const { read, write, errorOf } = useSpecForm();
  const value = read(path);
  return (
    <TextField
      label={label}
      hint={hint}
      type="number"
      inputMode="decimal"
      step={step}
      min={min}
      value={typeof value === "number" ? String(value) : ""}
      error={errorOf(path)}
      onChange={(e) => write(path, e.target.value === "" ? undefined : Number(e.target.value))}
    />
  );
}

export function SelectInput({ path, label, hint, options, optional = false }: Bound & { options: { value: string; label: string }[]; optional?: boolean }) {
  const { read, write, errorOf } = useSpecForm();
  const value = read(path);
  const none = useTranslations("skuForm")("none");
  return (
    <SelectField
      label={label}
      hint={hint}
      value={typeof value === "string" ? value : ""}
      options={optional ? [{ value: "", label: none }, ...options] : options}
      error={errorOf(path)}
      onChange={(e) => write(path, optional && e.target.value === "" ? undefined : e.target.value)}
    />
  );
}

export function CheckboxInput({ path, label }: Bound) {
  const { read, write } = useSpecForm();
  const id = useId();
  return (
    <label htmlFor={id} className="flex items-center gap-2 text-sm">
      <input id={id} type="checkbox" checked={read(path) === true} onChange={(e) => write(path, e.target.checked)} />
      {label}
    </label>
  );
}

/** A list of strings edited one per line (command, args); empty means "not set". */
export function LinesInput({ path, label, hint }: Bound) {
  const { read, write, errorOf } = useSpecForm();
  const id = useId();
  const value = read(path);
  const error = errorOf(path);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">{label}</label>
      <textarea
        id={id}
        rows={2}
        spellCheck={false}
        value={Array.isArray(value) ? value.join("\n") : ""}
        onChange={(e) => write(path, e.target.value === "" ? undefined : e.target.value.split("\n"))}
        aria-describedby={hint ? `${id}-hint` : undefined}
        aria-invalid={!!error || undefined}
        className="rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs"
      />
      {hint && <p id={`${id}-hint`} className="text-xs text-fg-muted">{hint}</p>}
      {error && <p className="text-xs text-danger">{error}</p>}
    </div>
  );
}

/** A titled group of fields. */
export function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-border p-4">
      <legend className="px-1 text-sm font-semibold">{title}</legend>
      <div className="grid gap-3 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}
