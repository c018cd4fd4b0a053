import { type SkuOverride, skuOverridesSchema } from "@/lib/skus/overrides";
import { type SkuSpec, skuSpecSchema } from "@/lib/skus/spec";

/** A SKU version's JSON columns as the database holds them. */
type StoredColumns = { spec: unknown; overrides?: unknown };

type Decoded<T extends StoredColumns> = Omit<T, "spec" | "overrides"> & { spec: SkuSpec; overrides: SkuOverride[] };

/**
 * The one reader of a version's JSON columns: parsed with the kind's schema where they are read, so no
 * code casts them. Everything stored was validated on write; a row that no longer fits (a schema changed
 * without a migration) fails loudly here instead of deep inside a launch.
 */
export function decodeVersion<T extends StoredColumns>(row: T): Decoded<T> {
  return { ...row, spec: decodeSpec(row.spec), overrides: decodeOverrides(row.overrides ?? []) };
}

export function decodeSpec(stored: unknown): SkuSpec {
  const parsed = skuSpecSchema.safeParse(stored);
  if (!parsed.success) throw new Error(`stored SKU spec does not fit its schema: ${pathsOf(parsed.error.issues)}`);
  return parsed.data;
}

function decodeOverrides(stored: unknown): SkuOverride[] {
  const parsed = skuOverridesSchema.safeParse(stored);
  if (!parsed.success) throw new Error(`stored SKU overrides do not fit their schema: ${pathsOf(parsed.error.issues)}`);
  return parsed.data;
}

const pathsOf = (issues: readonly { path: PropertyKey[] }[]) =>
  issues.map((i) => i.path.join(".") || "(root)").join(", ");
