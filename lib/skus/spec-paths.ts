import type { SkuSpec } from "./spec";
import { ENV_NAME } from "./spec-fields";

/** The fields of a spec users may be allowed to change at launch, addressed by dotted paths. */

export const NUMERIC_OVERRIDE_PATHS = [
  "compute.gpu.count",
  "compute.cpu",
  "compute.memoryGiB",
  "compute.ephemeralGiB",
  "compute.persistentGiB",
  "policies.maxRuntimeHours",
  "policies.idleStopMinutes",
  "model.replicas.min",
  "model.replicas.max",
] as const;
export const TEXT_OVERRIDE_PATHS = ["compute.gpu.model", "compute.gpu.profile", "container.image"] as const;

export type NumericOverridePath = (typeof NUMERIC_OVERRIDE_PATHS)[number];
type TextOverridePath = (typeof TEXT_OVERRIDE_PATHS)[number];
/** The value of the container's environment variable NAME. */
type EnvOverridePath = `env.${string}`;
export type OverridablePath = NumericOverridePath | TextOverridePath | EnvOverridePath;
export type OverrideValue = string | number;

const NUMERIC = new Set<string>(NUMERIC_OVERRIDE_PATHS);
const TEXT = new Set<string>(TEXT_OVERRIDE_PATHS);

export function isOverridablePath(path: string): path is OverridablePath {
  return NUMERIC.has(path) || TEXT.has(path) || envNameOf(path) !== undefined;
}

export function valueTypeOf(path: OverridablePath): "number" | "text" {
  return NUMERIC.has(path) ? "number" : "text";
}

export function envNameOf(path: string): string | undefined {
  if (!path.startsWith("env.")) return undefined;
  const name = path.slice(4);
  return ENV_NAME.test(name) ? name : undefined;
}

/** Where the path's value lives in the spec, or undefined when this spec has no such field. */
export function specLocationOf(spec: SkuSpec, path: OverridablePath): (string | number)[] | undefined {
  const env = envNameOf(path);
  if (env !== undefined) {
    const index = spec.container.env.findIndex((e) => e.name === env);
    return index < 0 ? undefined : ["container", "env", index, "value"];
  }
  const location = path.split(".");
  const value = location.reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), spec);
  return typeof value === "string" || typeof value === "number" ? location : undefined;
}

export function readPath(spec: SkuSpec, path: OverridablePath): OverrideValue | undefined {
  const location = specLocationOf(spec, path);
  if (!location) return undefined;
  return location.reduce<unknown>(
    (node, key) => (node as Record<string | number, unknown>)[key],
    spec,
  ) as OverrideValue;
}

/** A copy of the spec with the values set; paths the spec does not have are ignored. */
export function withValues(spec: SkuSpec, values: Iterable<[OverridablePath, OverrideValue]>): SkuSpec {
  const copy = structuredClone(spec);
  for (const [path, value] of values) {
    const location = specLocationOf(copy, path);
    if (!location) continue;
    const parent = location
      .slice(0, -1)
      .reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], copy);
    (parent as Record<string | number, unknown>)[location.at(-1)!] = value;
  }
  return copy;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
