import type { FieldError, ValidationKey } from "@/lib/errors";
import type { SkuOverride } from "./overrides";
import { type OverridablePath, type OverrideValue, valueTypeOf } from "./spec-paths";

/** How one value is read from a form and checked against an override's bounds. */

/** Text longer than this is refused before an admin's pattern runs on it. */
const MAX_TEXT_VALUE = 32_768;
const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

type Coerced = { ok: true; value: OverrideValue } | { ok: false; error: FieldError };

/** Forms send strings: numeric fields accept a number or a decimal string; a blank field is "required", never 0. */
export function coerceValue(path: OverridablePath, raw: unknown): Coerced {
  if (valueTypeOf(path) === "number") {
    if (typeof raw === "number")
      return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, error: { key: "number" } };
    if (typeof raw !== "string") return { ok: false, error: { key: "number" } };
    const text = raw.trim();
    if (text === "") return { ok: false, error: { key: "required" } };
    return DECIMAL.test(text) ? { ok: true, value: Number(text) } : { ok: false, error: { key: "number" } };
  }
  if (typeof raw !== "string") return { ok: false, error: { key: "invalid" } };
  if (raw.length > MAX_TEXT_VALUE) return { ok: false, error: { key: "tooLong", values: { limit: MAX_TEXT_VALUE } } };
  return { ok: true, value: raw };
}

/** Thousandths as an integer, or undefined when the number is finer: the grid check is then exact. */
function thousandths(value: number): number | undefined {
  const scaled = Math.round(value * 1000);
  return Number.isSafeInteger(scaled) && scaled / 1000 === value ? scaled : undefined;
}

export function isOnGrid(value: number, min: number, step: number): boolean {
  const [v, lo, s] = [thousandths(value), thousandths(min), thousandths(step)];
  return v !== undefined && lo !== undefined && s !== undefined && s > 0 && (v - lo) % s === 0;
}

/**
 * Anchored: an admin writing "hf_[A-Za-z0-9]+" means the whole value, and an unanchored pattern would
 * accept anything that merely contains a match.
 */
export function compilePattern(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`, "u");
  } catch {
    return undefined;
  }
}

/** Why the value is outside the override's bounds, or undefined when it is inside. */
export function boundsError(override: SkuOverride, value: OverrideValue): FieldError | undefined {
  switch (override.control) {
    case "range":
      if (typeof value !== "number") return { key: "number" };
      if (value < override.min) return { key: "tooSmall", values: { limit: override.min } };
      if (value > override.max) return { key: "tooBig", values: { limit: override.max } };
      return isOnGrid(value, override.min, override.step)
        ? undefined
        : { key: "step", values: { step: override.step } };
    case "choices":
      return override.choices.some((choice) => choice === value) ? undefined : { key: "choice" };
    case "pattern": {
      if (typeof value !== "string") return { key: "invalid" };
      if (compilePattern(override.pattern)?.test(value)) return undefined;
      // The schema checks its shape; the server checks it is a catalog message (validateVersion).
      return { key: value === "" ? "required" : (override.patternMessageKey as ValidationKey) };
    }
  }
}
