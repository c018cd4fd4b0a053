import type { SkuOverride } from "@/lib/skus/overrides";
import type { SkuSpec } from "@/lib/skus/spec";
import { parseVersion } from "@/lib/skus/version";
import { AppError } from "@/server/errors";
import { isPatternMessageKey } from "./pattern-messages";

/**
 * parseVersion, throwing the validation error actions and routes answer with; also checks that each
 * pattern's message is one the catalogs have (the browser's copy of the check cannot read them).
 */
export function validateVersion(spec: unknown, overrides: unknown): { spec: SkuSpec; overrides: SkuOverride[] } {
  const result = parseVersion(spec, overrides);
  if (!result.ok) throw new AppError("validation", { ...result.fields });
  const unknownMessages = result.overrides.flatMap((o, i) =>
    o.control === "pattern" && !isPatternMessageKey(o.patternMessageKey)
      ? [[`overrides.${i}.patternMessageKey`, { key: "messageKey" }] as const]
      : [],
  );
  if (unknownMessages.length > 0) throw new AppError("validation", Object.fromEntries(unknownMessages));
  return { spec: result.spec, overrides: result.overrides };
}
