"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import type { Path } from "@/lib/skus/edit-path";
import { useSpecForm } from "./form-context";

/** Inputs bound to a path of the spec being edited; labels are keys under `skuForm.fields`. */

type Bound = { path: Path; label: string; hint?: string };

export function TextInput({
  path,
  label,
  hint,
  optional = false,
  ...rest
}: Bound & { optional?: boolean; className?: string; type?: "text" | "password" }) {
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

const DECIMAL = /^-?\d+(\.\d+)?$/;
const shownNumber = (value: unknown) =>
  typeof value === "number" ? String(value) : typeof value === "string" ? value : "";
/** Whether the typed text already stands for the value ("1.50" for 1.5), so it need not be replaced. */
const showsValue = (text: string, value: unknown) =>
  DECIMAL.test(text) ? Number(text) === value : shownNumber(value) === text;

/**
 * A number typed as text, so "1." or "0.0" can be typed on the way to 1.05. Empty means "not set"; text
 * that is not a number yet is written as it is, for the spec's check to name.
 */
export function NumberInput({ path, label, hint }: Bound) {
  const { read, write, errorOf } = useSpecForm();
  const value = read(path);
  const [text, setText] = useState(() => shownNumber(value));
  // Follow changes made elsewhere (a reordered row, a reset), not the echo of what was just typed.
  const [followed, setFollowed] = useState(value);
  if (!Object.is(followed, value)) {
    setFollowed(value);
    if (!showsValue(text, value)) setText(shownNumber(value));
  }
  return (
    <TextField
      label={label}
      hint={hint}
      inputMode="decimal"
      value={text}
      error={errorOf(path)}
      autoComplete="off"
      onChange={(e) => {
        const typed = e.target.value.trim();
        setText(e.target.value);
        write(path, typed === "" ? undefined : DECIMAL.test(typed) ? Number(typed) : typed);
      }}
    />
  );
}

export function SelectInput({
  path,
  label,
  hint,
  options,
  optional = false,
}: Bound & { options: { value: string; label: string }[]; optional?: boolean }) {
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

export function CheckboxInput({ path, label, hint }: Bound) {
  const { read, write } = useSpecForm();
  const id = useId();
  const box = (
    <label htmlFor={id} className="flex items-center gap-2 text-sm">
      <input
        id={id}
        type="checkbox"
        checked={read(path) === true}
        onChange={(e) => write(path, e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      {label}
    </label>
  );
  if (!hint) return box;
  return (
    <div className="flex flex-col gap-1">
      {box}
      <p id={`${id}-hint`} className="text-xs text-fg-muted">
        {hint}
      </p>
    </div>
  );
}

/** A list of strings edited one per line (command, args); empty means "not set". */
export function LinesInput({ path, label, hint }: Bound) {
  const { read, write, errorOf } = useSpecForm();
  const value = read(path);
  return (
    <TextAreaField
      label={label}
      hint={hint}
      rows={2}
      value={Array.isArray(value) ? value.join("\n") : ""}
      error={errorOf(path)}
      onChange={(e) => write(path, e.target.value === "" ? undefined : e.target.value.split("\n"))}
    />
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
