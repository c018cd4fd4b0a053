/**
 * Patch formats: JSON Patch (RFC 6902), JSON Merge Patch (RFC 7386) and a strategic merge patch
 * that merges the well-known keyed lists of built-in kinds (containers by name, env by name…).
 */

import { isPlainObject } from "./json.ts";
import { errors } from "./status.ts";
import type { Obj } from "./store.ts";

/** Key fields of the lists that Kubernetes merges by key rather than replacing whole. */
export function listKeysFor(field: string | undefined, items: unknown[]): string[] | undefined {
  switch (field) {
    case "containers":
    case "initContainers":
    case "ephemeralContainers":
    case "env":
    case "volumes":
    case "imagePullSecrets":
    case "resourceClaims":
      return ["name"];
    case "volumeMounts":
      return ["mountPath"];
    case "volumeDevices":
      return ["devicePath"];
    case "conditions":
      return ["type"];
    case "ownerReferences":
      return ["uid"];
    case "hostAliases":
      return ["ip"];
    case "ports": {
      const first = items.find(isPlainObject) as Obj | undefined;
      if (first && "containerPort" in first) return ["containerPort", "protocol"];
      if (first && "port" in first) return ["port", "protocol"];
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Default values of key fields that may be omitted (protocol defaults to TCP). */
export function keyValue(item: Obj, key: string): unknown {
  const v = item[key];
  if (v === undefined && key === "protocol") return "TCP";
  return v;
}

export function sameKey(a: Obj, b: Obj, keys: string[]): boolean {
  return keys.every((k) => keyValue(a, k) === keyValue(b, k));
}

// ---------------------------------------------------------------------------------------------

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  const out: Obj = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

export function applyStrategicMergePatch(target: unknown, patch: unknown, field?: string): unknown {
  if (Array.isArray(patch)) {
    const keys = listKeysFor(field, [...patch, ...(Array.isArray(target) ? target : [])]);
    if (!keys || !Array.isArray(target)) {
      return patch.filter((p) => !(isPlainObject(p) && p.$patch)).map((p) => structuredClone(p));
    }
    if (patch.some((p) => isPlainObject(p) && p.$patch === "replace")) {
      return patch.filter((p) => !(isPlainObject(p) && p.$patch)).map((p) => structuredClone(p));
    }
    const out: unknown[] = target.map((t) => structuredClone(t));
    for (const p of patch) {
      if (!isPlainObject(p)) throw errors.badRequest(`strategic merge patch: expected objects in list "${field}"`);
      const idx = out.findIndex((t) => isPlainObject(t) && sameKey(t, p, keys));
      if (p.$patch === "delete") {
        if (idx >= 0) out.splice(idx, 1);
        continue;
      }
      if (p.$patch !== undefined)
        throw errors.badRequest(`strategic merge patch: unknown patch type "${String(p.$patch)}"`);
      if (idx >= 0) out[idx] = applyStrategicMergePatch(out[idx], p);
      else out.push(applyStrategicMergePatch(undefined, p));
    }
    return out;
  }
  if (!isPlainObject(patch)) return structuredClone(patch);
  if (patch.$patch === "replace") {
    const { $patch: _p, ...rest } = patch;
    void _p;
    return structuredClone(rest);
  }
  if (patch.$patch === "delete") return undefined;
  const out: Obj = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith("$setElementOrder/")) continue; // ordering hint only
    if (k === "$retainKeys" || k.startsWith("$deleteFromPrimitiveList/") || (k.startsWith("$") && k !== "$patch")) {
      throw errors.badRequest(`strategic merge patch directive "${k}" is not supported by the simulated cluster`);
    }
    if (k === "$patch") throw errors.badRequest(`strategic merge patch: unknown patch type "${String(v)}"`);
    if (v === null) delete out[k];
    else {
      const merged = applyStrategicMergePatch(out[k], v, k);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// RFC 6902

interface JsonPatchOp {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

function parsePointer(p: string): string[] {
  if (p === "") return [];
  if (!p.startsWith("/")) throw errors.badRequest(`the json patch path "${p}" must start with "/"`);
  return p
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function resolveParent(doc: unknown, tokens: string[], path: string): { parent: Obj | unknown[]; key: string } {
  let cur: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = Number(t);
      if (!/^\d+$/.test(t) || i >= cur.length)
        throw errors.invalidPatch(`doc is missing path: "${path}": missing value`);
      cur = cur[i];
    } else if (isPlainObject(cur)) {
      if (!(t in cur)) throw errors.invalidPatch(`doc is missing path: "${path}": missing value`);
      cur = cur[t];
    } else throw errors.invalidPatch(`doc is missing path: "${path}": missing value`);
  }
  if (!Array.isArray(cur) && !isPlainObject(cur))
    throw errors.invalidPatch(`doc is missing path: "${path}": missing value`);
  return { parent: cur, key: tokens[tokens.length - 1]! };
}

function getAt(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const t of parsePointer(path)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isPlainObject(cur)) cur = cur[t];
    else cur = undefined;
    if (cur === undefined) throw errors.invalidPatch(`doc is missing path: "${path}": missing value`);
  }
  return cur;
}

function removeAt(doc: unknown, path: string): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) throw errors.invalidPatch("cannot remove the document root");
  const { parent, key } = resolveParent(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!/^\d+$/.test(key) || i >= parent.length)
      throw errors.invalidPatch(`unable to remove nonexistent key: ${key}: missing value`);
    return parent.splice(i, 1)[0];
  }
  if (!(key in parent)) throw errors.invalidPatch(`unable to remove nonexistent key: ${key}: missing value`);
  const v = parent[key];
  delete parent[key];
  return v;
}

function addAt(doc: unknown, path: string, value: unknown, replace: boolean): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return structuredClone(value);
  const { parent, key } = resolveParent(doc, tokens, path);
  if (Array.isArray(parent)) {
    if (key === "-" && !replace) parent.push(structuredClone(value));
    else {
      const i = Number(key);
      if (!/^\d+$/.test(key) || i > parent.length || (replace && i >= parent.length)) {
        throw errors.invalidPatch(`unable to ${replace ? "replace" : "add"} value at index ${key}: index out of range`);
      }
      if (replace) parent[i] = structuredClone(value);
      else parent.splice(i, 0, structuredClone(value));
    }
  } else {
    if (replace && !(key in parent))
      throw errors.invalidPatch(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    parent[key] = structuredClone(value);
  }
  return doc;
}

export function applyJsonPatch(doc: Obj, ops: unknown): Obj {
  if (!Array.isArray(ops))
    throw errors.badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  let out: unknown = structuredClone(doc);
  for (const raw of ops as JsonPatchOp[]) {
    if (!isPlainObject(raw) || typeof raw.op !== "string" || typeof raw.path !== "string") {
      throw errors.invalidPatch('json patch operations must have "op" and "path"');
    }
    switch (raw.op) {
      case "add":
        out = addAt(out, raw.path, raw.value, false);
        break;
      case "replace":
        out = addAt(out, raw.path, raw.value, true);
        break;
      case "remove":
        removeAt(out, raw.path);
        break;
      case "move": {
        const v = removeAt(out, raw.from ?? "");
        out = addAt(out, raw.path, v, false);
        break;
      }
      case "copy":
        out = addAt(out, raw.path, getAt(out, raw.from ?? ""), false);
        break;
      case "test": {
        const v = getAt(out, raw.path);
        if (JSON.stringify(v) !== JSON.stringify(raw.value))
          throw errors.invalidPatch(`testing value ${raw.path} failed: test failed`);
        break;
      }
      default:
        throw errors.invalidPatch(`Unexpected kind: ${raw.op}`);
    }
  }
  if (!isPlainObject(out)) throw errors.badRequest("the patched document is not an object");
  return out;
}
