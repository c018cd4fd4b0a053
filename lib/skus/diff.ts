import type { SkuOverride } from "./overrides";
import type { SkuSpec } from "./spec";
import { isRecord } from "./spec-paths";

/**
 * Field-level differences between two versions, for the version diff and the audit log. Lists of named
 * things (env vars, ports, volumes, overrides) are matched by name, so removing the first port reads as one
 * removal rather than every port changing; other lists (command, args, tags, choices) are compared whole.
 */

export type FieldChange = {
  /** Dotted; a key that is not a plain word is quoted: `pricing.perGpuHourByModel["A100:1g.10gb"]`. */
  path: string;
  /** Absent when the field was added. */
  from?: unknown;
  /** Absent when the field was removed. */
  to?: unknown;
};

/** Stands in for a secret's value: a diff shows that it changed, never what it was or became. */
export const REDACTED = "[secret]";

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;
const IDENTITY_KEYS = ["name", "path"] as const;

function join(path: string, key: string): string {
  const segment = PLAIN_KEY.test(key) ? key : `[${JSON.stringify(key)}]`;
  return path === "" ? segment : segment.startsWith("[") ? `${path}${segment}` : `${path}.${segment}`;
}

function isEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => isEqual(item, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && isEqual(a[key], b[key]))
    );
  }
  return false;
}

/** The key that names every item of both lists uniquely, if there is one. */
function identityKey(a: unknown[], b: unknown[]): string | undefined {
  const namesEveryItem = (list: unknown[], key: string) => {
    const ids = list.map((item) => (isRecord(item) ? item[key] : undefined));
    return ids.every((id) => typeof id === "string") && new Set(ids).size === ids.length;
  };
  return IDENTITY_KEYS.find((key) => namesEveryItem(a, key) && namesEveryItem(b, key));
}

/** Object.fromEntries defines own keys, so an item named "__proto__" stays an item. */
function byIdentity(list: unknown[], key: string): Record<string, unknown> {
  return Object.fromEntries(list.map((item) => [(item as Record<string, string>)[key], item]));
}

function collect(from: unknown, to: unknown, path: string, out: FieldChange[]): void {
  if (isEqual(from, to)) return;
  if (Array.isArray(from) && Array.isArray(to)) {
    const key = identityKey(from, to);
    if (key) {
      collect(byIdentity(from, key), byIdentity(to, key), path, out);
      return;
    }
  } else if (isRecord(from) && isRecord(to)) {
    const keys = [...Object.keys(from), ...Object.keys(to).filter((k) => !Object.hasOwn(from, k))];
    const own = (record: Record<string, unknown>, key: string) =>
      Object.hasOwn(record, key) ? record[key] : undefined;
    for (const key of keys) collect(own(from, key), own(to, key), join(path, key), out);
    return;
  }
  out.push({ path, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) });
}

export function diffValues(from: unknown, to: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  collect(from, to, "", out);
  return out;
}

/** A whole variable added or removed: its value is the one field to hide. */
function redactVariable(variable: unknown): unknown {
  return isRecord(variable) ? { ...variable, value: REDACTED } : REDACTED;
}

/**
 * Redacts every variable that is secret in either version: a variable made public still had a secret
 * value before, and one made secret must not show the value it is about to protect.
 */
export function diffSpecs(from: SkuSpec, to: SkuSpec): FieldChange[] {
  const secretNames = new Set([...from.container.env, ...to.container.env].filter((e) => e.secret).map((e) => e.name));
  return diffValues(from, to).map((change) => {
    const match = /^container\.env\.([A-Za-z_][A-Za-z0-9_]*)(\.value)?$/.exec(change.path);
    if (!match || !secretNames.has(match[1]!)) return change;
    const redact = (value: unknown) => (match[2] ? REDACTED : redactVariable(value));
    return {
      path: change.path,
      ...("from" in change ? { from: redact(change.from) } : {}),
      ...("to" in change ? { to: redact(change.to) } : {}),
    };
  });
}

export function diffOverrides(from: readonly SkuOverride[], to: readonly SkuOverride[]): FieldChange[] {
  return diffValues(from, to).map((change) => ({
    ...change,
    path: `overrides${change.path.startsWith("[") ? "" : "."}${change.path}`,
  }));
}
