/**
 * Server-side apply and managedFields, reduced to what drivers observe: the applied configuration
 * is merged into the live object, fields a manager applied before and no longer applies are removed
 * (unless someone else owns them), conflicting values owned by other managers are a 409 unless
 * `force`, and every write records who owns what (FieldsV1) in metadata.managedFields.
 */
import { rfc3339 } from "./clock.ts";
import { deepEqual, isPlainObject, stripNulls } from "./json.ts";
import { keyValue, listKeysFor, sameKey } from "./patch.ts";
import type { ResourceType } from "./resources.ts";
import { errors } from "./status.ts";
import type { Obj } from "./store.ts";

const SEP = "\u0001";
/** Marker value for "this keyed list item exists" entries. */
const ITEM = Symbol("item");
type Leaves = Map<string, unknown>;

interface ManagedFieldsEntry {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  time: string;
  fieldsType: "FieldsV1";
  fieldsV1: Obj;
  subresource?: string;
}

function itemKey(item: Obj, keys: string[]): string {
  const k: Obj = {};
  for (const key of keys) k[key] = keyValue(item, key);
  return `k:${JSON.stringify(k)}`;
}

function walk(v: unknown, path: string[], field: string | undefined, custom: boolean, out: Leaves) {
  if (isPlainObject(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    if (keys.length === 0 && path.length > 0) {
      out.set(path.join(SEP), v);
      return;
    }
    for (const k of keys) walk(v[k], [...path, `f:${k}`], k, custom, out);
    return;
  }
  if (Array.isArray(v) && !custom) {
    const keys = listKeysFor(field, v);
    if (keys && v.length > 0 && v.every(isPlainObject)) {
      for (const item of v as Obj[]) {
        const p = [...path, itemKey(item, keys)];
        out.set(p.join(SEP), ITEM);
        for (const k of Object.keys(item)) if (item[k] !== undefined) walk(item[k], [...p, `f:${k}`], k, custom, out);
      }
      return;
    }
  }
  out.set(path.join(SEP), v);
}

/** The leaf fields of an object that field management tracks. */
export function leavesOf(o: Obj, rt: ResourceType, subresource?: string): Leaves {
  const out: Leaves = new Map();
  const custom = Boolean(rt.custom);
  if (subresource === "status") {
    if (o.status !== undefined) walk(o.status, ["f:status"], "status", custom, out);
    return out;
  }
  const hasStatus = rt.subresources.includes("status");
  for (const [k, v] of Object.entries(o)) {
    if (k === "apiVersion" || k === "kind" || v === undefined) continue;
    if (k === "status" && hasStatus) continue;
    if (k === "metadata") {
      const m = v as Obj;
      for (const mk of ["labels", "annotations", "ownerReferences", "finalizers"]) {
        if (m[mk] !== undefined) walk(m[mk], ["f:metadata", `f:${mk}`], mk, custom, out);
      }
      continue;
    }
    walk(v, [`f:${k}`], k, custom, out);
  }
  return out;
}

export function toFieldsV1(paths: Iterable<string>): Obj {
  const root: Obj = {};
  for (const p of paths) {
    let node = root;
    for (const seg of p.split(SEP)) node = node[seg] ??= {};
    if (p.split(SEP).pop()!.startsWith("k:")) node["."] = {};
  }
  return root;
}

export function pathsOfFieldsV1(f: Obj | undefined): Set<string> {
  const out = new Set<string>();
  const rec = (node: Obj, path: string[]) => {
    const keys = Object.keys(node);
    if (keys.length === 0) {
      if (path.length) out.add(path.join(SEP));
      return;
    }
    for (const k of keys) {
      if (k === ".") out.add(path.join(SEP));
      else rec(node[k] as Obj, [...path, k]);
    }
  };
  if (f) rec(f, []);
  return out;
}

/** `.spec.template.spec.containers[name="app"].image`, the way conflicts are reported. */
function displayPath(p: string): string {
  return p
    .split(SEP)
    .map((seg) => {
      if (seg.startsWith("f:")) return `.${seg.slice(2)}`;
      if (seg.startsWith("k:")) {
        const k = JSON.parse(seg.slice(2)) as Obj;
        return `[${Object.entries(k)
          .map(([a, b]) => `${a}=${JSON.stringify(b)}`)
          .join(",")}]`;
      }
      return seg;
    })
    .join("");
}

function entriesOf(o: Obj): ManagedFieldsEntry[] {
  return ((o.metadata?.managedFields ?? []) as ManagedFieldsEntry[]).map((e) => ({ ...e }));
}

function sameEntry(e: ManagedFieldsEntry, manager: string, op: string, subresource?: string) {
  return e.manager === manager && e.operation === op && (e.subresource ?? "") === (subresource ?? "");
}

function valueAt(o: unknown, p: string): unknown {
  let cur: unknown = o;
  for (const seg of p.split(SEP)) {
    if (cur === undefined) return undefined;
    if (seg.startsWith("f:")) cur = isPlainObject(cur) ? cur[seg.slice(2)] : undefined;
    else if (seg.startsWith("k:")) {
      const key = JSON.parse(seg.slice(2)) as Obj;
      cur = Array.isArray(cur)
        ? cur.find((it) => isPlainObject(it) && Object.entries(key).every(([k, v]) => keyValue(it, k) === v))
        : undefined;
    } else return undefined;
  }
  return cur;
}

/** Removes one owned path from an object; prunes containers left empty. */
function removePath(o: Obj, p: string, stillOwned: (path: string) => boolean) {
  const segs = p.split(SEP);
  const chain: { container: Obj | unknown[]; at: string | number; path: string }[] = [];
  let cur: unknown = o;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const path = segs.slice(0, i + 1).join(SEP);
    if (seg.startsWith("f:")) {
      if (!isPlainObject(cur)) return;
      chain.push({ container: cur, at: seg.slice(2), path });
      cur = cur[seg.slice(2)];
    } else if (seg.startsWith("k:")) {
      if (!Array.isArray(cur)) return;
      const key = JSON.parse(seg.slice(2)) as Obj;
      const idx = cur.findIndex(
        (it) => isPlainObject(it) && Object.entries(key).every(([k, v]) => keyValue(it, k) === v),
      );
      if (idx < 0) return;
      chain.push({ container: cur, at: idx, path });
      cur = cur[idx];
    } else return;
    if (cur === undefined) return;
  }
  const last = chain.pop()!;
  if (Array.isArray(last.container)) last.container.splice(last.at as number, 1);
  else delete (last.container as Obj)[last.at as string];
  // Prune parents that became empty and are not themselves owned.
  while (chain.length > 0) {
    const parent = chain.pop()!;
    const value = Array.isArray(parent.container)
      ? parent.container[parent.at as number]
      : (parent.container as Obj)[parent.at as string];
    const empty = Array.isArray(value) ? value.length === 0 : isPlainObject(value) && Object.keys(value).length === 0;
    if (!empty || stillOwned(parent.path)) break;
    if (Array.isArray(parent.container)) parent.container.splice(parent.at as number, 1);
    else delete (parent.container as Obj)[parent.at as string];
  }
}

/** Merges an apply configuration into the live object (maps merge, keyed lists merge by key). */
function mergeApplied(live: unknown, applied: unknown, field: string | undefined, custom: boolean): unknown {
  if (isPlainObject(applied)) {
    const out: Obj = isPlainObject(live) ? { ...live } : {};
    for (const [k, v] of Object.entries(applied)) out[k] = mergeApplied(out[k], v, k, custom);
    return out;
  }
  if (Array.isArray(applied) && Array.isArray(live) && !custom) {
    const keys = listKeysFor(field, [...applied, ...live]);
    if (keys && applied.every(isPlainObject) && live.every(isPlainObject)) {
      const out = (live as Obj[]).slice();
      for (const item of applied as Obj[]) {
        const idx = out.findIndex((l) => sameKey(l, item, keys));
        if (idx >= 0) out[idx] = mergeApplied(out[idx], item, undefined, custom) as Obj;
        else out.push(structuredClone(item));
      }
      return out;
    }
  }
  return structuredClone(applied);
}

/**
 * Applies `config` over `live` for `manager`. Returns the new object with managedFields updated
 * (the caller still validates and stores it). `live` may be undefined (apply creates).
 */
export function serverSideApply(
  rt: ResourceType,
  live: Obj | undefined,
  rawConfig: Obj,
  manager: string,
  force: boolean,
  now: number,
  subresource?: string,
): Obj {
  const config = stripNulls(rawConfig);
  const custom = Boolean(rt.custom);
  const appliedLeaves = leavesOf(config, rt, subresource);
  const newOwned = new Set(appliedLeaves.keys());
  const entries = live ? entriesOf(live) : [];
  const mine = entries.find((e) => sameEntry(e, manager, "Apply", subresource));
  const prevOwned = pathsOfFieldsV1(mine?.fieldsV1);
  const others = entries.filter((e) => e !== mine && (e.subresource ?? "") === (subresource ?? ""));
  const otherSets = others.map((e) => ({ entry: e, paths: pathsOfFieldsV1(e.fieldsV1) }));

  // Conflicts: another manager owns a leaf we set, and the values differ.
  const conflicts: { manager: string; apiVersion: string; field: string; path: string; owner: ManagedFieldsEntry }[] =
    [];
  if (live) {
    for (const [p, v] of appliedLeaves) {
      if (v === ITEM) continue;
      for (const o of otherSets) {
        if (!o.paths.has(p)) continue;
        if (!deepEqual(valueAt(live, p), v)) {
          conflicts.push({
            manager: o.entry.manager,
            apiVersion: o.entry.apiVersion,
            field: displayPath(p),
            path: p,
            owner: o.entry,
          });
        }
      }
    }
  }
  if (conflicts.length > 0 && !force) throw errors.applyConflict(rt, live!.metadata.name, conflicts);

  // Merge.
  const base: Obj = live ? structuredClone(live) : {};
  let merged: Obj;
  if (subresource === "status") {
    merged = { ...base, status: mergeApplied(base.status, config.status, "status", custom) };
  } else {
    const { status: _st, metadata: cfgMeta, ...cfgRest } = config;
    void _st;
    merged = mergeApplied(base, cfgRest, undefined, custom) as Obj;
    const meta: Obj = { ...(base.metadata ?? {}) };
    for (const k of ["labels", "annotations"]) {
      if (cfgMeta?.[k] !== undefined) meta[k] = mergeApplied(meta[k], cfgMeta[k], k, custom);
    }
    for (const k of ["ownerReferences", "finalizers"]) {
      if (cfgMeta?.[k] !== undefined) meta[k] = mergeApplied(meta[k], cfgMeta[k], k, custom);
    }
    if (!live) {
      for (const k of ["name", "namespace", "generateName"]) if (cfgMeta?.[k] !== undefined) meta[k] = cfgMeta[k];
      merged.apiVersion = config.apiVersion;
      merged.kind = config.kind;
    }
    merged.metadata = meta;
  }

  // Fields this manager stopped applying are removed, unless another manager still owns them.
  const forcedAway = new Set(conflicts.map((c) => c.path));
  const ownedByOthers = (p: string) => otherSets.some((o) => o.paths.has(p) && !forcedAway.has(p));
  const removed = [...prevOwned].filter((p) => !newOwned.has(p));
  const othersOwnUnder = (p: string) => otherSets.some((o) => [...o.paths].some((q) => q.startsWith(p + SEP)));
  const depth = (p: string) => p.split(SEP).length;
  // Whole keyed-list items first (shallowest first), then single fields outside removed items.
  const gone: string[] = [];
  const under = (p: string) => gone.some((g) => p.startsWith(g + SEP));
  for (const p of removed.filter((x) => x.split(SEP).pop()!.startsWith("k:")).sort((a, b) => depth(a) - depth(b))) {
    if (under(p) || ownedByOthers(p) || othersOwnUnder(p)) continue;
    removePath(merged, p, (q) => newOwned.has(q) || ownedByOthers(q));
    gone.push(p);
  }
  for (const p of removed.filter((x) => !x.split(SEP).pop()!.startsWith("k:")).sort((a, b) => depth(b) - depth(a))) {
    if (under(p) || ownedByOthers(p) || othersOwnUnder(p)) continue;
    // The key fields of an item that stays identify it: keep them.
    const segs = p.split(SEP);
    const parent = segs[segs.length - 2];
    if (parent?.startsWith("k:") && Object.hasOwn(JSON.parse(parent.slice(2)), segs[segs.length - 1]!.slice(2)))
      continue;
    removePath(merged, p, (q) => newOwned.has(q) || ownedByOthers(q));
  }

  // Ownership bookkeeping.
  const time = rfc3339(now);
  const nextEntries: ManagedFieldsEntry[] = [];
  for (const e of entries) {
    if (e === mine) continue;
    let paths = pathsOfFieldsV1(e.fieldsV1);
    if (force && conflicts.some((c) => c.owner === e)) {
      paths = new Set([...paths].filter((p) => !forcedAway.has(p)));
      if (paths.size === 0) continue;
      nextEntries.push({ ...e, fieldsV1: toFieldsV1(paths), time });
    } else nextEntries.push(e);
  }
  const mineChanged =
    !mine || !deepEqual(pathsOfFieldsV1(mine.fieldsV1), newOwned) || mine.apiVersion !== rt.apiVersion;
  nextEntries.push({
    manager,
    operation: "Apply",
    apiVersion: rt.apiVersion,
    time: mineChanged ? time : mine!.time,
    fieldsType: "FieldsV1",
    fieldsV1: toFieldsV1(newOwned),
    ...(subresource ? { subresource } : {}),
  });
  merged.metadata = { ...(merged.metadata ?? {}), managedFields: orderEntries(nextEntries) };
  return merged;
}

function orderEntries(entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  return entries.filter((e) => Object.keys(e.fieldsV1 ?? {}).length > 0);
}

/**
 * Records an Update-operation write (create, replace, non-apply patch): the fields it changed
 * become owned by `manager` and are taken away from everyone else.
 */
export function recordUpdate(
  rt: ResourceType,
  oldObj: Obj | undefined,
  next: Obj,
  manager: string,
  now: number,
  subresource?: string,
): Obj {
  const before = oldObj ? leavesOf(oldObj, rt, subresource) : new Map<string, unknown>();
  const after = leavesOf(next, rt, subresource);
  const changed = new Set<string>();
  for (const [p, v] of after) if (!before.has(p) || !deepEqual(before.get(p), v)) changed.add(p);
  const gone = new Set<string>();
  for (const p of before.keys()) if (!after.has(p)) gone.add(p);
  const entries = oldObj ? entriesOf(oldObj) : [];
  if (changed.size === 0 && gone.size === 0) {
    next.metadata.managedFields = oldObj?.metadata?.managedFields
      ? structuredClone(oldObj.metadata.managedFields)
      : undefined;
    if (next.metadata.managedFields === undefined) delete next.metadata.managedFields;
    return next;
  }
  const time = rfc3339(now);
  const out: ManagedFieldsEntry[] = [];
  let mine: ManagedFieldsEntry | undefined;
  for (const e of entries) {
    const paths = pathsOfFieldsV1(e.fieldsV1);
    const sameSub = (e.subresource ?? "") === (subresource ?? "");
    if (sameSub && sameEntry(e, manager, "Update", subresource)) {
      mine = e;
      continue;
    }
    if (!sameSub) {
      out.push(e);
      continue;
    }
    let touched = false;
    for (const p of [...paths]) {
      if (changed.has(p) || gone.has(p)) {
        paths.delete(p);
        touched = true;
      }
    }
    if (!touched) out.push(e);
    else if (paths.size > 0) out.push({ ...e, fieldsV1: toFieldsV1(paths) });
  }
  const minePaths = pathsOfFieldsV1(mine?.fieldsV1);
  for (const p of gone) minePaths.delete(p);
  for (const p of changed) minePaths.add(p);
  if (minePaths.size > 0) {
    out.push({
      manager,
      operation: "Update",
      apiVersion: rt.apiVersion,
      time,
      fieldsType: "FieldsV1",
      fieldsV1: toFieldsV1(minePaths),
      ...(subresource ? { subresource } : {}),
    });
  }
  if (out.length > 0) next.metadata.managedFields = out;
  else delete next.metadata.managedFields;
  return next;
}

/** The manager name kube-apiserver derives from a User-Agent ("kubectl/v1.30 (…)" → "kubectl"). */
export function managerFromUserAgent(ua: string | undefined): string {
  if (!ua) return "unknown";
  const first = ua.split("/")[0]!.trim();
  return first.slice(0, 128) || "unknown";
}
