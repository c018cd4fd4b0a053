import { z } from "zod";
import type { ValidationKey } from "@/lib/errors";
import {
  addFieldIssue,
  emptyFieldErrors,
  errorKey,
  type FieldErrors,
  fieldErrorsOf,
  keyed,
} from "@/lib/validation/field-errors";
import { REDACTED } from "./diff";
import { boundsError, coerceValue, compilePattern, isOnGrid } from "./override-bounds";
import { type SkuSpec, skuSpecSchema } from "./spec";
import { hasAtMostDecimals } from "./spec-fields";
import {
  envNameOf,
  isOverridablePath,
  isRecord,
  type OverridablePath,
  type OverrideValue,
  readPath,
  specLocationOf,
  valueTypeOf,
  withValues,
} from "./spec-paths";

/**
 * Which fields of a SKU users may change at launch, and within what bounds. A list, not a map keyed by
 * path: its order is the launch form's order, and a JSON column (jsonb) does not keep key order.
 */

export type { OverridablePath, OverrideValue } from "./spec-paths";

const path = z.string(keyed).refine(isOverridablePath, errorKey("notOverridable"));
/** Millesimal bounds, so "on the step grid" is decided in integers, without float drift. */
const bound = z
  .number(keyed)
  .min(-1e9)
  .max(1e9)
  .refine((n) => hasAtMostDecimals(n, 3), { error: "precision", params: { values: { decimals: 3 } } });
const common = {
  path,
  /** Shown (and accepted) only while the earlier field `field` has the value `equals`. */
  condition: z
    .strictObject({ field: path, equals: z.union([z.string(keyed).max(512), z.number(keyed)], keyed) }, keyed)
    .optional(),
};

const skuOverrideSchema = z.discriminatedUnion(
  "control",
  [
    z.strictObject(
      {
        control: z.literal("range", keyed),
        ...common,
        min: bound,
        max: bound,
        step: bound.pipe(z.number(keyed).positive()),
      },
      keyed,
    ),
    z.strictObject(
      {
        control: z.literal("choices", keyed),
        ...common,
        choices: z
          .array(z.union([z.string(keyed).max(512), z.number(keyed)], keyed), keyed)
          .min(1)
          .max(64),
      },
      keyed,
    ),
    z.strictObject(
      {
        control: z.literal("pattern", keyed),
        ...common,
        pattern: z
          .string(keyed)
          .min(1)
          .max(200)
          .refine((p) => compilePattern(p) !== undefined, errorKey("pattern")),
        /** The catalog key (under `validation.`) shown when a value does not match. */
        patternMessageKey: z.string(keyed).regex(/^[a-zA-Z]{1,64}$/, errorKey("messageKey")),
      },
      keyed,
    ),
  ],
  keyed,
);
export const skuOverridesSchema = z.array(skuOverrideSchema, keyed).max(32);

export type SkuOverride = z.output<typeof skuOverrideSchema>;

/** Rules between an override list and the spec it belongs to; author errors, shown in the SKU editor. */
function checkAgainstSpec(spec: SkuSpec, overrides: SkuOverride[], ctx: z.RefinementCtx): void {
  const earlier = new Map<string, SkuOverride>();
  overrides.forEach((override, i) => {
    const problems: [(string | number)[], ValidationKey, Record<string, number>?][] = [];
    const fallback = readPath(spec, override.path);
    const type = valueTypeOf(override.path);
    if (earlier.has(override.path)) problems.push([["path"], "duplicate"]);
    if (fallback === undefined) problems.push([["path"], "notInSpec"]);
    if ((type === "number" && override.control === "pattern") || (type === "text" && override.control === "range")) {
      problems.push([["control"], "wrongControl"]);
    }
    if (
      override.control === "choices" &&
      override.choices.some((choice) => typeof choice !== (type === "number" ? "number" : "string"))
    ) {
      problems.push([["choices"], "invalid"]);
    }
    if (override.control === "range" && override.max < override.min)
      problems.push([["max"], "tooSmall", { limit: override.min }]);
    else if (override.control === "range" && !isOnGrid(override.max, override.min, override.step)) {
      problems.push([["max"], "step", { step: override.step }]);
    }
    // A list of choices would hand a secret's values to every user's browser.
    if (override.control === "choices" && isSecret(spec, override.path)) problems.push([["control"], "secretChoices"]);
    // Only for otherwise sound bounds (a reversed range would put every default "out of bounds" too). An empty
    // default with a pattern means "each user must give a value" (a token, a password). A redacted secret is
    // one an editor kept without seeing it: the server checks its real value.
    const emptyMeansRequired = override.control === "pattern" && fallback === "";
    const unseen = fallback === REDACTED;
    if (
      problems.length === 0 &&
      fallback !== undefined &&
      !emptyMeansRequired &&
      !unseen &&
      boundsError(override, fallback)
    ) {
      problems.push([[], "defaultOutOfBounds"]);
    }
    if (override.condition) {
      const target = earlier.get(override.condition.field);
      // Conditions point backwards only, so the form (and this check) settles in one pass and cannot loop.
      if (!target) problems.push([["condition", "field"], "conditionOrder"]);
      else if (target.control === "choices" && !target.choices.includes(override.condition.equals)) {
        problems.push([["condition", "equals"], "choice"]);
      }
    }
    for (const [where, key, values] of problems) addFieldIssue(ctx, [i, ...where], key, values);
    earlier.set(override.path, override);
  });
}

type OverridesResult = { ok: true; overrides: SkuOverride[] } | { ok: false; fields: FieldErrors };

/** Parses an author's override list for a spec; errors are keyed "overrides.<index>.<field>". */
export function parseOverrides(spec: SkuSpec, input: unknown): OverridesResult {
  // Two steps: zod would run a refinement after value errors too, and a step of 0 would also read as every
  // default being off the grid.
  const parsed = skuOverridesSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fields: fieldErrorsOf(parsed.error, ["overrides"]) };
  const checked = z
    .array(z.any())
    .superRefine((overrides, ctx) => checkAgainstSpec(spec, overrides, ctx))
    .safeParse(parsed.data);
  return checked.success
    ? { ok: true, overrides: parsed.data }
    : { ok: false, fields: fieldErrorsOf(checked.error, ["overrides"]) };
}

export type LaunchFormField = {
  path: OverridablePath;
  control: SkuOverride["control"];
  valueType: "number" | "text";
  /** A secret's default is never sent: it belongs to the SKU's author, not to each user. */
  secret: boolean;
  default?: OverrideValue;
  /** No usable default: the user must give a value. */
  required: boolean;
  min?: number;
  max?: number;
  step?: number;
  choices?: OverrideValue[];
  pattern?: string;
  patternMessageKey?: string;
  condition?: { field: OverridablePath; equals: OverrideValue };
};

function isSecret(spec: SkuSpec, path: OverridablePath): boolean {
  const name = envNameOf(path);
  return name !== undefined && spec.container.env.some((e) => e.name === name && e.secret);
}

/** The fields of the launch form, in order, with defaults and bounds; overrides the spec cannot honour are left out. */
export function launchFormFields(spec: SkuSpec, overrides: readonly SkuOverride[]): LaunchFormField[] {
  return overrides.flatMap((override): LaunchFormField[] => {
    const fallback = readPath(spec, override.path);
    if (fallback === undefined) return [];
    const secret = isSecret(spec, override.path);
    const { path, control, condition } = override;
    const bounds =
      override.control === "range"
        ? { min: override.min, max: override.max, step: override.step }
        : override.control === "choices"
          ? { choices: override.choices }
          : { pattern: override.pattern, patternMessageKey: override.patternMessageKey };
    return [
      {
        path,
        control,
        valueType: valueTypeOf(path),
        secret,
        ...(secret ? {} : { default: fallback }),
        required: boundsError(override, fallback) !== undefined,
        ...bounds,
        ...(condition ? { condition } : {}),
      },
    ];
  });
}

type Walk = {
  shown: Set<OverridablePath>;
  values: Map<OverridablePath, OverrideValue>;
  given: Map<OverridablePath, OverrideValue>;
  fields: FieldErrors;
};

/**
 * The one walk the form and the server share: each field in order, shown only when its condition's field is
 * shown and valid and holds the expected value; its final value is the user's, else the spec's.
 */
function walkOverrides(spec: SkuSpec, overrides: readonly SkuOverride[], userValues: Record<string, unknown>): Walk {
  const walk: Walk = { shown: new Set(), values: new Map(), given: new Map(), fields: emptyFieldErrors() };
  const invalid = new Set<string>();
  for (const override of overrides) {
    const fallback = readPath(spec, override.path);
    const isGiven = Object.hasOwn(userValues, override.path);
    const condition = override.condition;
    const shown = !condition || walk.values.get(condition.field) === condition.equals;
    if (fallback === undefined || !shown) {
      // A value for a hidden field is refused, unless it is hidden only because the field it depends on is wrong.
      if (isGiven && !(condition && invalid.has(condition.field))) {
        walk.fields[override.path] = { key: fallback === undefined ? "notOverridable" : "conditionNotMet" };
      }
      continue;
    }
    walk.shown.add(override.path);
    const coerced = isGiven
      ? coerceValue(override.path, userValues[override.path])
      : { ok: true as const, value: fallback };
    const error = coerced.ok ? boundsError(override, coerced.value) : coerced.error;
    if (!coerced.ok || error) {
      walk.fields[override.path] = coerced.ok ? error! : coerced.error;
      invalid.add(override.path);
      continue;
    }
    walk.values.set(override.path, coerced.value);
    if (isGiven) walk.given.set(override.path, coerced.value);
  }
  return walk;
}

/** Which fields of the form are shown for the values typed so far (the same rule resolveLaunch applies). */
export function shownFields(
  spec: SkuSpec,
  overrides: readonly SkuOverride[],
  formValues: Record<string, unknown>,
): Set<OverridablePath> {
  return walkOverrides(spec, overrides, formValues).shown;
}

type LaunchResult = { ok: true; resolved: SkuSpec } | { ok: false; fields: FieldErrors };

/** Schema errors of the resolved spec, named by the launch form's paths where a field of the form caused them. */
function launchFieldsOf(spec: SkuSpec, overrides: readonly SkuOverride[], error: z.ZodError): FieldErrors {
  const formPathAt = new Map(overrides.map((o) => [specLocationOf(spec, o.path)?.join("."), o.path]));
  return Object.fromEntries(
    Object.entries(fieldErrorsOf(error)).map(([where, why]) => [formPathAt.get(where) ?? where, why]),
  );
}

/**
 * The spec a launch runs: the SKU's spec with the user's values applied. Refuses values outside their
 * bounds, off the step grid, not among the choices, not matching the pattern, for fields that are not
 * overridable or whose condition is not met, and keys that name no field at all.
 */
export function resolveLaunch(spec: SkuSpec, overrides: readonly SkuOverride[], userValues: unknown): LaunchResult {
  if (!isRecord(userValues)) return { ok: false, fields: { _: { key: "invalid" } } };
  const declared = new Set<string>(overrides.map((o) => o.path));
  const walk = walkOverrides(spec, overrides, userValues);
  for (const key of Object.keys(userValues)) {
    if (!declared.has(key)) walk.fields[key] = { key: isOverridablePath(key) ? "notOverridable" : "unknownField" };
  }
  if (Object.keys(walk.fields).length > 0) return { ok: false, fields: walk.fields };
  const result = skuSpecSchema.safeParse(withValues(spec, walk.given));
  return result.success
    ? { ok: true, resolved: result.data }
    : { ok: false, fields: launchFieldsOf(spec, overrides, result.error) };
}

/** The GPU models a launch of this SKU can end on: the spec's, and every choice its author opened. */
export function gpuModelsOf(spec: SkuSpec, overrides: readonly SkuOverride[]): string[] {
  const gpu = spec.compute.gpu;
  if (gpu.mode === "none") return [];
  const opened = overrides.find((o) => o.path === "compute.gpu.model" && o.control === "choices");
  return [...new Set([gpu.model, ...(opened?.control === "choices" ? opened.choices.map(String) : [])])];
}
