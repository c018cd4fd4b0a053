/**
 * Reading HTTP requests the way kube-apiserver does: resource URLs, query parameters (unknown
 * ones are a 400, never ignored), bodies, and write/delete options.
 */
import type { IncomingMessage } from "node:http";
import { parse as parseYaml } from "yaml";
import type { DeleteOptions, PatchType, WriteOptions } from "./apiserver.ts";
import { isPlainObject } from "./json.ts";
import { R, type ResourceType, resourceFor } from "./resources.ts";
import { errors } from "./status.ts";
import type { Obj } from "./store.ts";

/** A resource URL: a collection, or one object with perhaps a subresource. */
export type ResourceTarget = CollectionTarget | ObjectTarget;

export interface CollectionTarget {
  kind: "collection";
  rt: ResourceType;
  namespace?: string;
  /** The deprecated /watch/ path prefix. */
  watchPath: boolean;
}

export interface ObjectTarget {
  kind: "object";
  rt: ResourceType;
  namespace?: string;
  name: string;
  subresource?: string;
  watchPath: boolean;
}

function targetOf(rt: ResourceType, namespace: string | undefined, rest: string[], watchPath: boolean) {
  const [name, subresource] = rest;
  if (name === undefined) return { kind: "collection", rt, namespace, watchPath } as const;
  return { kind: "object", rt, namespace, name, subresource, watchPath } as const;
}

/** The API version and what follows it, for /api/v1/... and /apis/<group>/<version>/... */
function splitApiVersion(parts: string[]): [string, string[]] | undefined {
  if (parts[0] === "api" && parts[1] === "v1") return ["v1", parts.slice(2)];
  if (parts[0] === "apis" && parts.length >= 3) return [`${parts[1]}/${parts[2]}`, parts.slice(3)];
  return undefined;
}

/** Parses a resource URL; undefined when it names nothing served. */
export function parseResourcePath(path: string): ResourceTarget | undefined {
  const split = splitApiVersion(path.split("/").filter(Boolean).map(decodeURIComponent));
  if (!split || split[1].length === 0) return undefined;
  const [apiVersion] = split;
  let rest = split[1];
  const watchPath = rest[0] === "watch";
  if (watchPath) rest = rest.slice(1);
  if (rest[0] === "namespaces" && rest.length >= 3) {
    const candidate = resourceFor(apiVersion, rest[2]!);
    if (candidate?.namespaced) {
      return rest.length > 5 ? undefined : targetOf(candidate, rest[1], rest.slice(3), watchPath);
    }
    // A namespace's own subresources: /api/v1/namespaces/<name>/status and /finalize.
    if (apiVersion === "v1" && rest.length === 3 && ["status", "finalize"].includes(rest[2]!)) {
      return targetOf(R.namespaces, undefined, rest.slice(1), watchPath);
    }
    return undefined;
  }
  const rt = resourceFor(apiVersion, rest[0]!);
  if (!rt || rest.length > 3) return undefined;
  return targetOf(rt, undefined, rest.slice(1), watchPath);
}

export function isWatch(target: ResourceTarget, q: URLSearchParams): boolean {
  return target.watchPath || q.get("watch") === "true" || q.get("watch") === "1";
}

export function checkParams(q: URLSearchParams, allowed: string[]) {
  for (const key of new Set(q.keys())) {
    if (!allowed.includes(key)) {
      const message = `the simulated cluster does not support the query parameter "${key}" on this request`;
      throw errors.badRequest(message);
    }
  }
}

/** Go's strconv error text, which clients may match on. */
const syntaxError = (v: string) => `parsing "${v}": invalid syntax`;

export function boolParam(q: URLSearchParams, key: string): boolean | undefined {
  const v = q.get(key);
  if (v === null) return undefined;
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0" || v === "") return false;
  throw errors.badRequest(`invalid value for ${key}: "${v}": strconv.ParseBool: ${syntaxError(v)}`);
}

export function intParam(q: URLSearchParams, key: string): number | undefined {
  const v = q.get(key);
  if (v === null || v === "") return undefined;
  if (!/^-?\d+$/.test(v)) {
    throw errors.badRequest(`invalid value for ${key}: "${v}": strconv.ParseInt: ${syntaxError(v)}`);
  }
  return Number(v);
}

function checkDryRun(values: string[], kind: string) {
  for (const d of values) {
    if (d !== "All") {
      const message = `Unsupported value: ["${d}"]: supported values: "All"`;
      throw errors.invalidOptions(kind, [{ field: "dryRun", reason: "FieldValueNotSupported", message }]);
    }
  }
}

export function writeOptions(q: URLSearchParams, req: IncomingMessage, kind: string): WriteOptions {
  const dryRun = q.getAll("dryRun");
  checkDryRun(dryRun, kind);
  const fv = q.get("fieldValidation");
  if (fv !== null && fv !== "Ignore" && fv !== "Warn") {
    if (fv === "Strict") {
      throw errors.badRequest(
        "fieldValidation=Strict is not supported by the simulated cluster: " +
          "it cannot detect unknown fields (use Warn or Ignore)",
      );
    }
    const supported = `supported values: "Ignore", "Strict", "Warn"`;
    throw errors.badRequest(`fieldValidation: Unsupported value: "${fv}": ${supported}`);
  }
  const fieldManager = q.get("fieldManager") ?? undefined;
  return { dryRun: dryRun.length > 0, fieldManager, userAgent: req.headers["user-agent"] };
}

export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw errors.tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function decodeBody(text: string, contentType: string | undefined): unknown {
  const ct = (contentType ?? "application/json").split(";")[0]!.trim().toLowerCase();
  if (ct === "application/vnd.kubernetes.protobuf" || ct === "application/cbor") {
    throw errors.unsupportedMediaType(
      "the body of the request was in an unknown format - accepted media types include: " +
        "application/json, application/yaml",
    );
  }
  if (text.trim() === "") return undefined;
  try {
    if (ct === "application/yaml") return parseYaml(text);
    return JSON.parse(text);
  } catch (e) {
    throw errors.badRequest(`json: ${(e as Error).message}`);
  }
}

const PATCH_TYPES = new Map<string, PatchType>([
  ["application/json-patch+json", "json"],
  ["application/merge-patch+json", "merge"],
  ["application/strategic-merge-patch+json", "strategic"],
  ["application/apply-patch+yaml", "apply"],
]);

export function patchTypeOf(contentType: string | undefined): PatchType {
  const ct = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const type = PATCH_TYPES.get(ct);
  if (type) return type;
  throw errors.unsupportedMediaType(
    "the body of the request was in an unknown format - accepted media types include: " +
      "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, " +
      "application/strategic-merge-patch+json",
  );
}

export function checkAccept(req: IncomingMessage) {
  const accept = req.headers.accept;
  if (!accept) return;
  const ok = accept.split(",").some((part) => {
    const [type, ...params] = part
      .trim()
      .split(";")
      .map((x) => x.trim());
    const t = (type ?? "").toLowerCase();
    const json = t === "application/json" || t === "*/*" || t === "application/*";
    // as=Table (and other conversions) ask for an output the simulated cluster cannot produce.
    return json && !params.some((p) => /^as=/i.test(p));
  });
  if (!ok) {
    const message = "only the following media types are accepted by the simulated cluster: application/json";
    throw errors.notAcceptable(message);
  }
}

/** DeleteOptions from the query and the (optional) body; query parameters win. */
export async function deleteOptions(q: URLSearchParams, req: IncomingMessage, maxBody: number): Promise<DeleteOptions> {
  const raw = await readBody(req, maxBody);
  const body = (decodeBody(raw, req.headers["content-type"]) ?? {}) as Obj;
  if (!isPlainObject(body)) throw errors.badRequest("DeleteOptions must be an object");
  const dryRun = [...q.getAll("dryRun"), ...((body.dryRun ?? []) as string[])];
  checkDryRun(dryRun, "DeleteOptions");
  return {
    propagationPolicy: q.get("propagationPolicy") ?? body.propagationPolicy ?? undefined,
    gracePeriodSeconds: intParam(q, "gracePeriodSeconds") ?? body.gracePeriodSeconds ?? undefined,
    orphanDependents: boolParam(q, "orphanDependents") ?? body.orphanDependents ?? undefined,
    preconditions: body.preconditions ?? undefined,
    dryRun: dryRun.length > 0,
  };
}
