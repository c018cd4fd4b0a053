"use client";

import { useFormatter, useTranslations } from "next-intl";
import { SelectField, TextField } from "@/components/ui/field";
import { useValidationMessage } from "@/lib/client/use-validation-message";
import { checkLaunchForm, type FormValues } from "@/lib/skus/launch-values";
import type { LaunchFormField, SkuOverride } from "@/lib/skus/overrides";
import { MICROS_PER_UNIT, type SkuPrice } from "@/lib/skus/pricing";
import type { SkuSpec } from "@/lib/skus/spec";
import type { FieldErrors } from "@/lib/validation/field-errors";
import { fieldLabel } from "./field-label";

type Props = {
  /** The SKU's spec as specForBrowser gives it: no secret values, no other org's prices. */
  spec: SkuSpec;
  overrides: SkuOverride[];
  fields: LaunchFormField[];
  form: FormValues;
  onChange: (form: FormValues) => void;
  /** Problems the server found with the last launch, by field path. */
  serverErrors?: FieldErrors;
  /** Where the price goes: under the fields (default), or nowhere (the caller shows LaunchPrice itself). */
  showPrice?: boolean;
};

/**
 * The launch form of a SKU: the fields its author opened, with their bounds, shown by the same rule the
 * server applies, and the price of the values chosen. The SKU Studio previews exactly this component.
 */
export function LaunchForm({ spec, overrides, fields, form, onChange, serverErrors = {}, showPrice = true }: Props) {
  const t = useTranslations("launch");
  const tValidation = useValidationMessage();
  const check = checkLaunchForm(spec, overrides, fields, form);
  const errorOf = (path: string) => {
    const problem = check.fields[path] ?? serverErrors[path];
    return problem ? tValidation(problem.key, problem.values) : undefined;
  };
  const visible = fields.filter((field) => check.shown.has(field.path));
  // Problems the spec has as a whole (e.g. a GPU model with no price) belong to no field: list them.
  const unplaced = Object.entries(check.fields).filter(([path]) => !(check.shown as ReadonlySet<string>).has(path));
  return (
    <div className="flex flex-col gap-4">
      {visible.length === 0 && <p className="text-sm text-fg-muted">{t("noFields")}</p>}
      {visible.map((field) => (
        <LaunchField
          key={field.path}
          field={field}
          value={form[field.path] ?? ""}
          error={errorOf(field.path)}
          onChange={(value) => onChange({ ...form, [field.path]: value })}
        />
      ))}
      {unplaced.length > 0 && (
        <ul className="list-disc ps-5 text-sm text-danger">
          {unplaced.map(([path, problem]) => (
            <li key={path}>{tValidation(problem.key, problem.values)}</li>
          ))}
        </ul>
      )}
      {showPrice && <LaunchPrice price={check.price} />}
    </div>
  );
}

function LaunchField({
  field,
  value,
  error,
  onChange,
}: {
  field: LaunchFormField;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  const t = useTranslations("launch");
  const label = fieldLabel(field.path);
  const name = t(`fields.${label.key}`, label.values ?? { name: "" });
  if (field.control === "choices") {
    const options = (field.choices ?? []).map((choice) => ({ value: String(choice), label: String(choice) }));
    return (
      <SelectField
        label={name}
        value={value}
        options={options}
        error={error}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  const hint =
    field.control === "range"
      ? t("rangeHint", { min: field.min ?? 0, max: field.max ?? 0, step: field.step ?? 1 })
      : field.secret
        ? field.required
          ? t("secretHint")
          : t("secretDefaultHint")
        : field.required
          ? t("requiredHint")
          : undefined;
  return (
    <TextField
      label={name}
      hint={hint}
      value={value}
      error={error}
      required={field.required}
      onChange={(e) => onChange(e.target.value)}
      autoComplete="off"
      {...(field.control === "range"
        ? { type: "number", inputMode: "decimal" as const, min: field.min, max: field.max, step: field.step }
        : { type: field.secret ? "password" : "text" })}
    />
  );
}

export function LaunchPrice({ price }: { price: SkuPrice | null }) {
  const t = useTranslations("launch");
  const format = useFormatter();
  if (!price)
    return (
      <p className="text-sm text-fg-muted" data-testid="launch-price">
        {t("priceUnavailable")}
      </p>
    );
  const money = (micros: number) =>
    format.number(micros / MICROS_PER_UNIT, { style: "currency", currency: price.currency });
  const text =
    price.basis === "tokens" && price.tokens
      ? t("pricePerTokens", {
          input: money(price.tokens.perMillionInputMicros),
          output: money(price.tokens.perMillionOutputMicros),
        })
      : price.maxAmountMicros !== price.amountMicros
        ? t("pricePerHourRange", { min: money(price.amountMicros), max: money(price.maxAmountMicros) })
        : t("pricePerHour", { price: money(price.amountMicros) });
  return (
    <p className="text-sm font-medium" data-testid="launch-price" aria-live="polite">
      {text}
    </p>
  );
}
