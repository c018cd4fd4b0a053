import type { FieldErrors } from "@/lib/validation/field-errors";
import { parseOverrides, type SkuOverride } from "./overrides";
import { parseSkuSpec, type SkuSpec } from "./spec";

type VersionResult = { ok: true; spec: SkuSpec; overrides: SkuOverride[] } | { ok: false; fields: FieldErrors };

/**
 * A version's spec and overrides, checked together (overrides refer to the spec's fields): the editor
 * runs it as the author types, the server before it stores anything.
 */
export function parseVersion(spec: unknown, overrides: unknown): VersionResult {
  const parsedSpec = parseSkuSpec(spec);
  if (!parsedSpec.ok) return parsedSpec;
  const parsedOverrides = parseOverrides(parsedSpec.spec, overrides ?? []);
  if (!parsedOverrides.ok) return parsedOverrides;
  return { ok: true, spec: parsedSpec.spec, overrides: parsedOverrides.overrides };
}
