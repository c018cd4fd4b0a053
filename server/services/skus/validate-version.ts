import type { SkuOverride } from "@/lib/skus/overrides";
import type { SkuSpec } from "@/lib/skus/spec";
import { parseVersion } from "@/lib/skus/version";
import { AppError } from "@/server/errors";

/** parseVersion, throwing the validation error actions and routes answer with. */
export function validateVersion(spec: unknown, overrides: unknown): { spec: SkuSpec; overrides: SkuOverride[] } {
  const result = parseVersion(spec, overrides);
  if (!result.ok) throw new AppError("validation", { ...result.fields });
  return { spec: result.spec, overrides: result.overrides };
}
