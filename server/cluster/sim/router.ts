/**
 * HTTP front door: authentication, fault injection, URL → resource routing, query parameter
 * checking (unknown parameters are a 400, never ignored), body decoding and responses.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseYaml } from "yaml";
import type { ApiServer, DeleteOptions, ListOptions, PatchType, WriteOptions } from "./apiserver.ts";
import type { Clock } from "./clock.ts";
import { apiGroup, apiGroupList, apiResourceList, apiVersions, versionInfo } from "./discovery.ts";
import type { FaultInjector, RequestInfo } from "./faults.ts";
import { isPlainObject } from "./json.ts";
import { applyJsonPatch, applyMergePatch } from "./patch.ts";
import { serveLog, type LogQuery } from "./logs.ts";
import { R, resourceFor, type ResourceType } from "./resources.ts";
import { ApiError, errors } from "./status.ts";
import type { Obj } from "./store.ts";
import { serveWatch } from "./watch-stream.ts";

export interface RouterContext {
  api: ApiServer;
  faults: FaultInjector;
  clock: Clock;
  token?: string;
  serverAddress: () => string;
  /** Largest request body accepted (kube-apiserver: 3 MiB). */
  maxBodyBytes?: number;
  /** Unexpected exceptions (bugs) while serving; the client gets a 500. */
  onError?: (component: string, key: string, err: unknown) => void;
}

interface Route {
  rt: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  watchPath: boolean;
}

const COMMON = ["pretty"];
const LIST_PARAMS = [...COMMON, "labelSelector", "fieldSelector", "resourceVersion", "resourceVersionMatch", "limit", "continue", "timeoutSeconds", "watch", "allowWatchBookmarks", "sendInitialEvents"];
const GET_PARAMS = [...COMMON, "resourceVersion"];
const WRITE_PARAMS = [...COMMON, "dryRun", "fieldManager", "fieldValidation"];
const PATCH_PARAMS = [...WRITE_PARAMS, "force"];
const DELETE_PARAMS = [...COMMON, "dryRun", "gracePeriodSeconds", "orphanDependents", "propagationPolicy"];
const LOG_PARAMS = [...COMMON, "container", "follow", "previous", "timestamps", "tailLines", "limitBytes", "sinceSeconds", "sinceTime", "insecureSkipTLSVerifyBackend", "stream"];

function send(res: ServerResponse, code: number, body: unknown, pretty = false, headers: Record<string, string> = {}) {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body, null, pretty ? 2 : undefined) + (pretty ? "\n" : "");
  res.writeHead(code, { "Content-Type": "application/json", "Cache-Control": "no-cache, private", ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, err: unknown, onError?: (component: string, key: string, err: unknown) => void, what = "") {
  if (err instanceof ApiError) {
    send(res, err.code, err.status, false, err.headers);
    return;
  }
  onError?.("apiserver", what, err);
  const message = err instanceof Error ? err.message : String(err);
  send(res, 500, errors.internal(message).status);
}

function checkParams(q: URLSearchParams, allowed: string[]) {
  for (const key of new Set(q.keys())) {
    if (!allowed.includes(key)) {
      throw errors.badRequest(`the simulated cluster does not support the query parameter "${key}" on this request`);
    }
  }
}

function boolParam(q: URLSearchParams, key: string): boolean | undefined {
  const v = q.get(key);
  if (v === null) return undefined;
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0" || v === "") return false;
  throw errors.badRequest(`invalid value for ${key}: "${v}": strconv.ParseBool: parsing "${v}": invalid syntax`);
}

function intParam(q: URLSearchParams, key: string): number | undefined {
  const v = q.get(key);
  if (v === null || v === "") return undefined;
  if (!/^-?\d+$/.test(v)) throw errors.badRequest(`invalid value for ${key}: "${v}": strconv.ParseInt: parsing "${v}": invalid syntax`);
  return Number(v);
}

function writeOptions(q: URLSearchParams, req: IncomingMessage, kind: string): WriteOptions {
  const dryRun = q.getAll("dryRun");
  for (const d of dryRun) {
    if (d !== "All") {
      throw errors.invalidOptions(kind, [{ field: "dryRun", reason: "FieldValueNotSupported", message: `Unsupported value: ["${d}"]: supported values: "All"` }]);
    }
  }
  const fv = q.get("fieldValidation");
  if (fv !== null && fv !== "Ignore" && fv !== "Warn") {
    if (fv === "Strict") {
      throw errors.badRequest("fieldValidation=Strict is not supported by the simulated cluster: it cannot detect unknown fields (use Warn or Ignore)");
    }
    throw errors.badRequest(`fieldValidation: Unsupported value: "${fv}": supported values: "Ignore", "Strict", "Warn"`);
  }
  const fieldManager = q.get("fieldManager") ?? undefined;
  return { dryRun: dryRun.length > 0, fieldManager, userAgent: req.headers["user-agent"] };
}

/** Parses /api/v1/... and /apis/<g>/<v>/... paths. */
function route(path: string): Route | "discovery" | undefined {
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  let apiVersion: string;
  let rest: string[];
  if (parts[0] === "api" && parts[1] === "v1") {
    apiVersion = "v1";
    rest = parts.slice(2);
  } else if (parts[0] === "apis" && parts.length >= 3) {
    apiVersion = `${parts[1]}/${parts[2]}`;
    rest = parts.slice(3);
  } else return undefined;
  if (rest.length === 0) return "discovery";
  let watchPath = false;
  if (rest[0] === "watch") {
    watchPath = true;
    rest = rest.slice(1);
  }
  if (rest[0] === "namespaces" && rest.length >= 3) {
    const candidate = resourceFor(apiVersion, rest[2]!);
    if (candidate && candidate.namespaced) {
      if (rest.length > 5) return undefined;
      return { rt: candidate, namespace: rest[1], name: rest[3], subresource: rest[4], watchPath };
    }
    if (apiVersion === "v1" && rest.length === 3 && ["status", "finalize"].includes(rest[2]!)) {
      return { rt: R.namespaces, name: rest[1], subresource: rest[2], watchPath };
    }
    return undefined;
  }
  const rt = resourceFor(apiVersion, rest[0]!);
  if (!rt || rest.length > 3) return undefined;
  return { rt, name: rest[1], subresource: rest[2], watchPath };
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw errors.tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function decodeBody(text: string, contentType: string | undefined): unknown {
  const ct = (contentType ?? "application/json").split(";")[0]!.trim().toLowerCase();
  if (ct === "application/vnd.kubernetes.protobuf" || ct === "application/cbor") {
    throw errors.unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`);
  }
  if (text.trim() === "") return undefined;
  try {
    if (ct === "application/yaml") return parseYaml(text);
    return JSON.parse(text);
  } catch (e) {
    throw errors.badRequest(`json: ${(e as Error).message}`);
  }
}

function patchTypeOf(contentType: string | undefined): PatchType {
  const ct = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  switch (ct) {
    case "application/json-patch+json":
      return "json";
    case "application/merge-patch+json":
      return "merge";
    case "application/strategic-merge-patch+json":
      return "strategic";
    case "application/apply-patch+yaml":
      return "apply";
    default:
      throw errors.unsupportedMediaType(
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
      );
  }
}

function checkAccept(req: IncomingMessage) {
  const accept = req.headers.accept;
  if (!accept) return;
  const ok = accept.split(",").some((part) => {
    const [type, ...params] = part.trim().split(";").map((x) => x.trim());
    const t = (type ?? "").toLowerCase();
    return (t === "application/json" || t === "*/*" || t === "application/*") && !params.some((p) => /^as=/i.test(p));
  });
  if (!ok) throw errors.notAcceptable("only the following media types are accepted by the simulated cluster: application/json");
}

export function createRouter(ctx: RouterContext) {
  const { api, faults } = ctx;
  const maxBody = ctx.maxBodyBytes ?? 3 * 1024 * 1024;

  return async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://sim.invalid");
    const path = url.pathname;
    const q = url.searchParams;
    const method = (req.method ?? "GET").toUpperCase();
    const pretty = q.get("pretty") === "true" || q.get("pretty") === "1";
    try {
      if (ctx.token !== undefined) {
        const auth = req.headers.authorization ?? "";
        if (auth !== `Bearer ${ctx.token}`) throw errors.unauthorized();
      }
      const info: RequestInfo = { method, path, query: q };
      const delay = faults.takeDelay(info);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      const failure = faults.takeFailure(info);
      if (failure && !failure.afterCommit) throw errors.injected(failure.status, failure.message);
      if (failure?.afterCommit) {
        // Do the work, then lose the answer.
        const sink = new FakeResponse();
        await dispatch(sink as unknown as ServerResponse);
        throw errors.injected(failure.status, failure.message);
      }
      await dispatch(res);
    } catch (err) {
      sendError(res, err, ctx.onError, `${method} ${path}`);
    }

    async function dispatch(out: ServerResponse) {
      // Non-resource endpoints.
      if (path === "/version" || path === "/version/") return send(out, 200, versionInfo(), pretty);
      if (["/healthz", "/livez", "/readyz"].includes(path)) {
        out.writeHead(200, { "Content-Type": "text/plain" });
        out.end("ok");
        return;
      }
      if (path === "/api" || path === "/api/") return send(out, 200, apiVersions(ctx.serverAddress()), pretty);
      if (path === "/apis" || path === "/apis/") return send(out, 200, apiGroupList(), pretty);
      const parts = path.split("/").filter(Boolean);
      if (parts[0] === "apis" && parts.length === 2) {
        const g = apiGroup(parts[1]!);
        if (!g) throw errors.pathNotFound();
        return send(out, 200, g, pretty);
      }
      const r = route(path);
      if (r === "discovery") {
        const gv = parts[0] === "api" ? "v1" : `${parts[1]}/${parts[2]}`;
        const list = apiResourceList(gv);
        if (!list) throw errors.pathNotFound();
        if (method !== "GET") throw errors.methodNotAllowed();
        return send(out, 200, list, pretty);
      }
      if (!r) throw errors.pathNotFound();
      checkAccept(req);
      await handleResource(r, out);
    }

    async function handleResource(r: Route, out: ServerResponse) {
      const { rt, name, subresource } = r;
      const ns = r.namespace ?? "";
      if (rt.namespaced && r.namespace === undefined && name !== undefined) throw errors.pathNotFound();
      if (!rt.namespaced && r.namespace !== undefined) throw errors.pathNotFound();
      if (subresource && !(rt.subresources as string[]).includes(subresource) && !(rt === R.namespaces && subresource === "finalize")) {
        throw errors.pathNotFound();
      }
      if (subresource === "exec" || subresource === "attach" || subresource === "portforward") {
        throw errors.badRequest(`${subresource} is not available on the simulated cluster: no process runs in its containers`);
      }
      const isWatch = r.watchPath || q.get("watch") === "true" || q.get("watch") === "1";

      if (name === undefined) {
        // Collection.
        switch (method) {
          case "GET": {
            checkParams(q, LIST_PARAMS);
            const limit = intParam(q, "limit");
            const listOpts: ListOptions = {
              labelSelector: q.get("labelSelector") ?? undefined,
              fieldSelector: q.get("fieldSelector") ?? undefined,
              resourceVersion: q.get("resourceVersion") ?? undefined,
              resourceVersionMatch: q.get("resourceVersionMatch") ?? undefined,
              limit,
              continue: q.get("continue") ?? undefined,
            };
            if (isWatch) {
              return serveWatch(api, req, out, {
                rt,
                namespace: r.namespace,
                labelSelector: listOpts.labelSelector,
                fieldSelector: listOpts.fieldSelector,
                resourceVersion: listOpts.resourceVersion,
                resourceVersionMatch: listOpts.resourceVersionMatch,
                allowWatchBookmarks: boolParam(q, "allowWatchBookmarks") ?? false,
                sendInitialEvents: boolParam(q, "sendInitialEvents"),
                timeoutSeconds: intParam(q, "timeoutSeconds"),
              });
            }
            boolParam(q, "allowWatchBookmarks");
            return send(out, 200, api.list(rt, r.namespace, listOpts), pretty);
          }
          case "POST": {
            checkParams(q, WRITE_PARAMS);
            if (rt.namespaced && r.namespace === undefined) throw errors.methodNotAllowed();
            const body = decodeBody(await readBody(req, maxBody), req.headers["content-type"]);
            const created = api.create(rt, ns, body, writeOptions(q, req, "CreateOptions"));
            return send(out, 201, created, pretty);
          }
          case "DELETE": {
            checkParams(q, [...DELETE_PARAMS, "labelSelector", "fieldSelector", "timeoutSeconds", "resourceVersion", "resourceVersionMatch", "limit", "continue", "sendInitialEvents"]);
            const opts = await deleteOptions(q, req);
            return send(
              out,
              200,
              api.deleteCollection(rt, r.namespace, { labelSelector: q.get("labelSelector") ?? undefined, fieldSelector: q.get("fieldSelector") ?? undefined }, opts),
              pretty,
            );
          }
          default:
            throw errors.methodNotAllowed();
        }
      }

      if (isWatch) throw errors.badRequest("watch of a single object: use fieldSelector=metadata.name=<name> on the collection");

      if (subresource === "log") {
        if (method !== "GET") throw errors.methodNotAllowed();
        checkParams(q, LOG_PARAMS);
        if (q.get("stream")) throw errors.badRequest("the stream parameter is not supported by the simulated cluster");
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
        if (lq.sinceSeconds !== undefined && lq.sinceTime !== undefined) throw errors.badRequest("at most one of sinceTime or sinceSeconds may be specified");
        if (lq.tailLines !== undefined && lq.tailLines < 0) throw errors.badRequest("tailLines: Invalid value: must be greater than or equal to 0");
        return serveLog(api, ctx.clock, ns, name, lq, out);
      }

      if (subresource === "scale") {
        switch (method) {
          case "GET":
            checkParams(q, GET_PARAMS);
            return send(out, 200, api.getScale(rt, ns, name), pretty);
          case "PUT": {
            checkParams(q, WRITE_PARAMS);
            const body = decodeBody(await readBody(req, maxBody), req.headers["content-type"]);
            if (!isPlainObject(body)) throw errors.badRequest("Object 'Scale' is missing in 'null'");
            return send(out, 200, api.setScale(rt, ns, name, body, writeOptions(q, req, "UpdateOptions")), pretty);
          }
          case "PATCH": {
            checkParams(q, PATCH_PARAMS);
            const type = patchTypeOf(req.headers["content-type"]);
            const raw = await readBody(req, maxBody);
            const current = api.getScale(rt, ns, name);
            let next: Obj;
            if (type === "json") next = applyJsonPatch(current, JSON.parse(raw));
            else if (type === "apply") throw errors.badRequest("server-side apply of the scale subresource is not supported by the simulated cluster");
            else next = applyMergePatch(current, JSON.parse(raw)) as Obj;
            return send(out, 200, api.setScale(rt, ns, name, next, writeOptions(q, req, "PatchOptions")), pretty);
          }
          default:
            throw errors.methodNotAllowed();
        }
      }

      const sub = subresource === "status" ? "status" : undefined;
      if (subresource === "finalize") {
        if (method !== "PUT") throw errors.methodNotAllowed();
        checkParams(q, WRITE_PARAMS);
        const body = decodeBody(await readBody(req, maxBody), req.headers["content-type"]) as Obj;
        const updated = api.internalUpdate(R.namespaces, "", name, (o) => {
          o.spec = { ...(o.spec ?? {}), finalizers: body?.spec?.finalizers ?? [] };
        });
        if (!updated) throw errors.notFound(R.namespaces, name);
        return send(out, 200, updated, pretty);
      }

      switch (method) {
        case "GET": {
          checkParams(q, GET_PARAMS);
          return send(out, 200, api.get(rt, ns, name), pretty);
        }
        case "PUT": {
          checkParams(q, WRITE_PARAMS);
          const body = decodeBody(await readBody(req, maxBody), req.headers["content-type"]);
          return send(out, 200, api.replace(rt, ns, name, body, writeOptions(q, req, "UpdateOptions"), sub), pretty);
        }
        case "PATCH": {
          checkParams(q, PATCH_PARAMS);
          const type = patchTypeOf(req.headers["content-type"]);
          const raw = await readBody(req, maxBody);
          const force = boolParam(q, "force");
          const result = api.patch(rt, ns, name, type, raw, { ...writeOptions(q, req, "PatchOptions"), force }, sub);
          return send(out, result.created ? 201 : 200, result.object, pretty);
        }
        case "DELETE": {
          checkParams(q, DELETE_PARAMS);
          if (sub) throw errors.methodNotAllowed();
          const result = api.delete(rt, ns, name, await deleteOptions(q, req));
          return send(out, result.code, result.body, pretty);
        }
        default:
          throw errors.methodNotAllowed();
      }
    }
  };

  async function deleteOptions(q: URLSearchParams, req: IncomingMessage): Promise<DeleteOptions> {
    const raw = await readBody(req, maxBody);
    const body = (decodeBody(raw, req.headers["content-type"]) ?? {}) as Obj;
    if (!isPlainObject(body)) throw errors.badRequest("DeleteOptions must be an object");
    const dryRun = [...q.getAll("dryRun"), ...((body.dryRun ?? []) as string[])];
    for (const d of dryRun) {
      if (d !== "All") throw errors.invalidOptions("DeleteOptions", [{ field: "dryRun", reason: "FieldValueNotSupported", message: `Unsupported value: ["${d}"]: supported values: "All"` }]);
    }
    return {
      propagationPolicy: q.get("propagationPolicy") ?? body.propagationPolicy ?? undefined,
      gracePeriodSeconds: intParam(q, "gracePeriodSeconds") ?? body.gracePeriodSeconds ?? undefined,
      orphanDependents: boolParam(q, "orphanDependents") ?? body.orphanDependents ?? undefined,
      preconditions: body.preconditions ?? undefined,
      dryRun: dryRun.length > 0,
    };
  }
}

/** A response that goes nowhere (for faults that drop the answer after the work is done). */
class FakeResponse {
  headersSent = false;
  writeHead() {
    this.headersSent = true;
    return this;
  }
  setHeader() {}
  write() {
    return true;
  }
  end() {}
  on() {
    return this;
  }
  once() {
    return this;
  }
}
