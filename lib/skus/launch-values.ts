import type { FieldErrors } from "@/lib/validation/field-errors";
import { coerceValue } from "./override-bounds";
import { type LaunchFormField, resolveLaunch, type SkuOverride, shownFields } from "./overrides";
import { effectivePricing, hourlyPrice, type SkuPrice } from "./pricing";
import type { SkuSpec } from "./spec";
import { isOverridablePath, type OverridablePath, type OverrideValue, withValues } from "./spec-paths";

/**
 * The copy of a spec a launch form may have: secret variables without their values, and the prices of
 * this org only (the list price without one), so no org learns another's negotiated price.
 */
export function specForBrowser(spec: SkuSpec, orgId?: string): SkuSpec {
  const copy = structuredClone(spec);
  copy.container.env = copy.container.env.map((variable) => (variable.secret ? { ...variable, value: "" } : variable));
  copy.pricing = { ...effectivePricing(copy.pricing, orgId).pricing, orgOverrides: {} } as SkuSpec["pricing"];
  return copy;
}

/** What a launch form holds: the text of each field as typed. */
export type FormValues = Record<string, string>;

/** The form's starting text: each field's default (a secret's default is never sent, so it starts empty). */
export function initialFormValues(fields: readonly LaunchFormField[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f.path, f.default === undefined ? "" : String(f.default)]));
}

/**
 * The values a launch sends: the shown fields the user changed, and every required one. An untouched
 * field is left to the SKU's default, so a secret's default (which the form never had) still applies.
 */
export function valuesToSend(
  fields: readonly LaunchFormField[],
  shown: ReadonlySet<OverridablePath>,
  form: FormValues,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const text = form[field.path] ?? "";
    const untouched = field.default === undefined ? text === "" : text === String(field.default);
    if (shown.has(field.path) && (field.required || !untouched)) values[field.path] = text;
  }
  return values;
}

type LaunchCheck = {
  shown: Set<OverridablePath>;
  values: Record<string, string>;
  fields: FieldErrors;
  price: SkuPrice | null;
  /** The spec with the values applied, when they are all valid (for the capacity preview). */
  launched: SkuSpec | null;
};

/**
 * The form's state as the server will judge it: which fields show, what would be sent, each field's
 * problem, and the price of exactly those values (none while a value is invalid). Untouched fields keep
 * the SKU's defaults, which were checked when it was saved; they are not judged again here because the
 * browser's copy of the spec has no secret values.
 */
export function checkLaunchForm(
  spec: SkuSpec,
  overrides: readonly SkuOverride[],
  fields: readonly LaunchFormField[],
  form: FormValues,
): LaunchCheck {
  const shown = shownFields(spec, overrides, form);
  const values = valuesToSend(fields, shown, form);
  const result = resolveLaunch(spec, overrides, values);
  const formPaths = new Set<string>(fields.map((f) => f.path));
  const problems = result.ok
    ? {}
    : Object.fromEntries(Object.entries(result.fields).filter(([path]) => path in values || !formPaths.has(path)));
  const valid = Object.keys(problems).length === 0;
  return {
    shown,
    values,
    fields: problems,
    price: valid ? hourlyPrice(spec, values) : null,
    launched: valid ? launchedSpec(spec, values) : null,
  };
}

/** The spec with valid form values applied (the browser's copy: secrets stay empty). */
function launchedSpec(spec: SkuSpec, values: Record<string, string>): SkuSpec {
  const entries: [OverridablePath, OverrideValue][] = [];
  for (const [path, raw] of Object.entries(values)) {
    const coerced = isOverridablePath(path) ? coerceValue(path, raw) : undefined;
    if (coerced?.ok) entries.push([path as OverridablePath, coerced.value]);
  }
  return withValues(spec, entries);
}
