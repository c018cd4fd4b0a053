/**
 * The route handlers: one small function per verb and URL shape, each checking its query
 * parameters, reading the body it needs and answering through the ApiServer.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ListOptions } from "./apiserver.ts";
import { apiGroup, apiGroupList, apiResourceList, apiVersions, versionInfo } from "./discovery.ts";
import { isPlainObject } from "./json.ts";
import { type LogQuery, serveLog } from "./logs.ts";
import { applyJsonPatch, applyMergePatch } from "./patch.ts";
import {
  boolParam,
  type CollectionTarget,
  checkParams,
  decodeBody,
  deleteOptions,
  intParam,
  isWatch,
  type ObjectTarget,
  patchTypeOf,
  readBody,
  writeOptions,
} from "./request.ts";
import { R } from "./resources.ts";
import type { RouterContext } from "./router.ts";
import { errors } from "./status.ts";
import type { Obj } from "./store.ts";
import { serveWatch } from "./watch-stream.ts";

const JSON_HEADERS = { "Content-Type": "application/json", "Cache-Control": "no-cache, private" };

/** A request as the handlers see it. */
export interface Call {
  ctx: RouterContext;
  req: IncomingMessage;
  /** Where the answer goes: a sink when an injected fault drops it. */
  out: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  pretty: boolean;
  maxBody: number;
}

export interface FixedCall extends Call {
  /** The `:name` segments of the matched path. */
  params: Record<string, string>;
}

export interface CollectionCall extends Call {
  target: CollectionTarget;
}

export interface ObjectCall extends Call {
  target: ObjectTarget;
}

const COMMON = ["pretty"];
const LIST_PARAMS = [
  ...COMMON,
  ...["labelSelector", "fieldSelector", "resourceVersion", "resourceVersionMatch", "limit", "continue"],
  ...["timeoutSeconds", "watch", "allowWatchBookmarks", "sendInitialEvents"],
];
const GET_PARAMS = [...COMMON, "resourceVersion"];
const WRITE_PARAMS = [...COMMON, "dryRun", "fieldManager", "fieldValidation"];
const PATCH_PARAMS = [...WRITE_PARAMS, "force"];
const DELETE_PARAMS = [...COMMON, "dryRun", "gracePeriodSeconds", "orphanDependents", "propagationPolicy"];
const DELETE_COLLECTION_PARAMS = [
  ...DELETE_PARAMS,
  ...["labelSelector", "fieldSelector", "timeoutSeconds", "resourceVersion", "resourceVersionMatch"],
  ...["limit", "continue", "sendInitialEvents"],
];
const LOG_PARAMS = [
  ...COMMON,
  ...["container", "follow", "previous", "timestamps", "tailLines", "limitBytes", "sinceSeconds"],
  ...["sinceTime", "insecureSkipTLSVerifyBackend", "stream"],
];

function reply(c: Call, code: number, body: unknown) {
  send(c.out, code, body, c.pretty);
}

export function send(
  res: ServerResponse,
  code: number,
  body: unknown,
  pretty = false,
  headers: Record<string, string> = {},
) {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body, null, pretty ? 2 : undefined) + (pretty ? "\n" : "");
  res.writeHead(code, { ...JSON_HEADERS, ...headers });
  res.end(text);
}

// ---------------------------------------------------------------------------------------------
// Fixed paths: health, version and discovery

export function sendVersion(c: Call) {
  reply(c, 200, versionInfo());
}

export function sendApiVersions(c: Call) {
  reply(c, 200, apiVersions(c.ctx.serverAddress()));
}

export function sendGroups(c: Call) {
  reply(c, 200, apiGroupList());
}

export function sendOk(c: Call) {
  c.out.writeHead(200, { "Content-Type": "text/plain" });
  c.out.end("ok");
}

export function sendGroup(c: FixedCall) {
  const group = apiGroup(c.params.group!);
  if (!group) throw errors.pathNotFound();
  reply(c, 200, group);
}

export function sendCoreResourceList(c: Call) {
  sendResourceList(c, "v1");
}

export function sendGroupResourceList(c: FixedCall) {
  sendResourceList(c, `${c.params.group}/${c.params.version}`);
}

function sendResourceList(c: Call, groupVersion: string) {
  const list = apiResourceList(groupVersion);
  // An unknown group version is a 404 whatever the method; a known one only answers GET.
  if (!list) throw errors.pathNotFound();
  if (c.method !== "GET") throw errors.methodNotAllowed();
  reply(c, 200, list);
}

// ---------------------------------------------------------------------------------------------
// Collections

async function readJson(c: Call): Promise<unknown> {
  return decodeBody(await readBody(c.req, c.maxBody), c.req.headers["content-type"]);
}

function listOptions(q: URLSearchParams): ListOptions {
  return {
    labelSelector: q.get("labelSelector") ?? undefined,
    fieldSelector: q.get("fieldSelector") ?? undefined,
    resourceVersion: q.get("resourceVersion") ?? undefined,
    resourceVersionMatch: q.get("resourceVersionMatch") ?? undefined,
    limit: intParam(q, "limit"),
    continue: q.get("continue") ?? undefined,
  };
}

export async function listOrWatch(c: CollectionCall) {
  const { query: q, target } = c;
  checkParams(q, LIST_PARAMS);
  const opts = listOptions(q);
  if (isWatch(target, q)) {
    return serveWatch(c.ctx.api, c.req, c.out, {
      rt: target.rt,
      namespace: target.namespace,
      labelSelector: opts.labelSelector,
      fieldSelector: opts.fieldSelector,
      resourceVersion: opts.resourceVersion,
      resourceVersionMatch: opts.resourceVersionMatch,
      allowWatchBookmarks: boolParam(q, "allowWatchBookmarks") ?? false,
      sendInitialEvents: boolParam(q, "sendInitialEvents"),
      timeoutSeconds: intParam(q, "timeoutSeconds"),
    });
  }
  boolParam(q, "allowWatchBookmarks"); // still a 400 when malformed
  reply(c, 200, c.ctx.api.list(target.rt, target.namespace, opts));
}

export async function createObject(c: CollectionCall) {
  const { rt, namespace } = c.target;
  checkParams(c.query, WRITE_PARAMS);
  if (rt.namespaced && namespace === undefined) throw errors.methodNotAllowed();
  const body = await readJson(c);
  reply(c, 201, c.ctx.api.create(rt, namespace ?? "", body, writeOptions(c.query, c.req, "CreateOptions")));
}

export async function deleteCollection(c: CollectionCall) {
  const { query: q, target } = c;
  checkParams(q, DELETE_COLLECTION_PARAMS);
  const opts = await deleteOptions(q, c.req, c.maxBody);
  const selectors = {
    labelSelector: q.get("labelSelector") ?? undefined,
    fieldSelector: q.get("fieldSelector") ?? undefined,
  };
  reply(c, 200, c.ctx.api.deleteCollection(target.rt, target.namespace, selectors, opts));
}

// ---------------------------------------------------------------------------------------------
// Objects and their status

/** The object's coordinates; `status` when the URL addresses its status subresource. */
function objectOf(c: ObjectCall) {
  const { rt, namespace, name, subresource } = c.target;
  return { rt, ns: namespace ?? "", name, sub: subresource === "status" ? ("status" as const) : undefined };
}

export function getObject(c: ObjectCall) {
  const { rt, ns, name } = objectOf(c);
  checkParams(c.query, GET_PARAMS);
  reply(c, 200, c.ctx.api.get(rt, ns, name));
}

export async function replaceObject(c: ObjectCall) {
  const { rt, ns, name, sub } = objectOf(c);
  checkParams(c.query, WRITE_PARAMS);
  const body = await readJson(c);
  reply(c, 200, c.ctx.api.replace(rt, ns, name, body, writeOptions(c.query, c.req, "UpdateOptions"), sub));
}

export async function patchObject(c: ObjectCall) {
  const { rt, ns, name, sub } = objectOf(c);
  checkParams(c.query, PATCH_PARAMS);
  const type = patchTypeOf(c.req.headers["content-type"]);
  const raw = await readBody(c.req, c.maxBody);
  const opts = { ...writeOptions(c.query, c.req, "PatchOptions"), force: boolParam(c.query, "force") };
  const result = c.ctx.api.patch(rt, ns, name, type, raw, opts, sub);
  reply(c, result.created ? 201 : 200, result.object);
}

export async function deleteObject(c: ObjectCall) {
  const { rt, ns, name, sub } = objectOf(c);
  checkParams(c.query, DELETE_PARAMS);
  if (sub) throw errors.methodNotAllowed();
  const result = c.ctx.api.delete(rt, ns, name, await deleteOptions(c.query, c.req, c.maxBody));
  reply(c, result.code, result.body);
}

// ---------------------------------------------------------------------------------------------
// Subresources: log, scale, finalize

function logQuery(q: URLSearchParams): LogQuery {
  const lq: LogQuery = {
    container: q.get("container") || undefined,
    follow: boolParam(q, "follow") ?? false,
    previous: boolParam(q, "previous") ?? false,
    timestamps: boolParam(q, "timestamps") ?? false,
    tailLines: intParam(q, "tailLines"),
    limitBytes: intParam(q, "limitBytes"),
    sinceSeconds: intParam(q, "sinceSeconds"),
    sinceTime: q.get("sinceTime") ?? undefined,
  };
  if (lq.sinceSeconds !== undefined && lq.sinceTime !== undefined) {
    throw errors.badRequest("at most one of sinceTime or sinceSeconds may be specified");
  }
  if (lq.tailLines !== undefined && lq.tailLines < 0) {
    throw errors.badRequest("tailLines: Invalid value: must be greater than or equal to 0");
  }
  return lq;
}

export function podLog(c: ObjectCall) {
  const { ns, name } = objectOf(c);
  checkParams(c.query, LOG_PARAMS);
  if (c.query.get("stream")) {
    throw errors.badRequest("the stream parameter is not supported by the simulated cluster");
  }
  return serveLog(c.ctx.api, c.ctx.clock, ns, name, logQuery(c.query), c.out);
}

export function getScale(c: ObjectCall) {
  const { rt, ns, name } = objectOf(c);
  checkParams(c.query, GET_PARAMS);
  reply(c, 200, c.ctx.api.getScale(rt, ns, name));
}

export async function replaceScale(c: ObjectCall) {
  const { rt, ns, name } = objectOf(c);
  checkParams(c.query, WRITE_PARAMS);
  const body = await readJson(c);
  if (!isPlainObject(body)) throw errors.badRequest("Object 'Scale' is missing in 'null'");
  reply(c, 200, c.ctx.api.setScale(rt, ns, name, body, writeOptions(c.query, c.req, "UpdateOptions")));
}

export async function patchScale(c: ObjectCall) {
  const { rt, ns, name } = objectOf(c);
  checkParams(c.query, PATCH_PARAMS);
  const type = patchTypeOf(c.req.headers["content-type"]);
  const raw = await readBody(c.req, c.maxBody);
  const current = c.ctx.api.getScale(rt, ns, name);
  if (type === "apply") {
    const message = "server-side apply of the scale subresource is not supported by the simulated cluster";
    throw errors.badRequest(message);
  }
  const patch = JSON.parse(raw);
  const next = type === "json" ? applyJsonPatch(current, patch) : (applyMergePatch(current, patch) as Obj);
  reply(c, 200, c.ctx.api.setScale(rt, ns, name, next, writeOptions(c.query, c.req, "PatchOptions")));
}

export async function finalizeNamespace(c: ObjectCall) {
  const { name } = objectOf(c);
  checkParams(c.query, WRITE_PARAMS);
  const body = (await readJson(c)) as Obj;
  const updated = c.ctx.api.internalUpdate(R.namespaces, "", name, (o) => {
    o.spec = { ...(o.spec ?? {}), finalizers: body?.spec?.finalizers ?? [] };
  });
  if (!updated) throw errors.notFound(R.namespaces, name);
  reply(c, 200, updated);
}
