import { parseOverrides, type SkuOverride } from "@/lib/skus/overrides";
import { parseSkuSpec, type SkuSpec } from "@/lib/skus/spec";
import { AppError } from "@/server/errors";

/** A version's spec and overrides, validated together (overrides refer to the spec's fields). */
export function validateVersion(spec: unknown, overrides: unknown): { spec: SkuSpec; overrides: SkuOverride[] } {
  const parsedSpec = parseSkuSpec(spec);
  if (!parsedSpec.ok) throw new AppError("validation", { ...parsedSpec.fields });
  const parsedOverrides = parseOverrides(parsedSpec.spec, overrides ?? []);
  if (!parsedOverrides.ok) throw new AppError("validation", { ...parsedOverrides.fields });
  return { spec: parsedSpec.spec, overrides: parsedOverrides.overrides };
}
