import { REDACTED } from "@/lib/skus/diff";
import type { SkuSpec } from "@/lib/skus/spec";
import { AppError } from "@/server/errors";
import { portalKey } from "@/server/security/portal-key";
import { open, seal, sealedFor } from "@/server/security/secret-box";

/**
 * Secret variables of a SKU are stored sealed (AES-256-GCM) inside the version's spec, shown to nobody
 * (editors, files and the API see REDACTED), and opened only to validate, compare and launch a version.
 * Each value is bound to its version and variable: a new draft re-seals the values it copies, and a value
 * pasted into another version or variable fails to open. REDACTED in an edited spec means "keep the value
 * this variable had".
 */

type Env = SkuSpec["container"]["env"];
/** A stored version: its id is what its secret values are sealed for. */
export type SealedVersion = { id: string; spec: SkuSpec };

function mapSecrets(spec: SkuSpec, change: (value: string, name: string, index: number) => string): SkuSpec {
  const env: Env = spec.container.env.map((v, i) =>
    v.secret && v.value !== "" ? { ...v, value: change(v.value, v.name, i) } : v,
  );
  return { ...spec, container: { ...spec.container, env } };
}

function requireKey(index: number): Buffer {
  const key = portalKey();
  if (!key) throw new AppError("validation", { [`container.env.${index}.value`]: { key: "secretsKeyMissing" } });
  return key;
}

/** What clients may see: every secret value replaced by REDACTED. */
export function redactSecrets(spec: SkuSpec): SkuSpec {
  return mapSecrets(spec, () => REDACTED);
}

/** The spec of a stored version with its secret values in clear, for validation and launches (never for clients). */
export function openSecrets(version: SealedVersion): SkuSpec {
  return mapSecrets(version.spec, (value, name, index) =>
    open(value, requireKey(index), sealedFor.skuSecret(version.id, name)),
  );
}

/** Puts back the previous values (opened) where an edit left REDACTED; an unknown one is an error. */
export function restoreSecrets(edited: unknown, previous: SealedVersion | null): unknown {
  const env = (edited as { container?: { env?: unknown } })?.container?.env;
  if (!Array.isArray(env)) return edited;
  const before = new Map((previous?.spec.container.env ?? []).filter((v) => v.secret).map((v) => [v.name, v]));
  const restored = env.map((variable: unknown, index) => {
    const v = variable as { name?: unknown; value?: unknown; secret?: unknown };
    if (v?.value !== REDACTED || v.secret !== true) return variable;
    const old = before.get(String(v.name));
    if (!old || !previous)
      throw new AppError("validation", { [`container.env.${index}.value`]: { key: "secretUnknown" } });
    const value =
      old.value === "" ? "" : open(old.value, requireKey(index), sealedFor.skuSecret(previous.id, old.name));
    return { ...v, value };
  });
  const spec = edited as { container: object };
  return { ...spec, container: { ...spec.container, env: restored } };
}

/**
 * Seals the secret values of a validated spec for the version `versionId`. A value unchanged in that same
 * version keeps its sealed text; one copied from another version (a new draft) is sealed again for this one.
 */
export function sealSecrets(spec: SkuSpec, versionId: string, previous: SealedVersion | null): SkuSpec {
  const sealedBefore = new Map(
    previous?.id === versionId
      ? previous.spec.container.env.filter((v) => v.secret && v.value !== "").map((v) => [v.name, v.value])
      : [],
  );
  return mapSecrets(spec, (value, name, index) => {
    const key = requireKey(index);
    const bound = sealedFor.skuSecret(versionId, name);
    const old = sealedBefore.get(name);
    return old !== undefined && open(old, key, bound) === value ? old : seal(value, key, bound);
  });
}
