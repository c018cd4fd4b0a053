/**
 * HTTP front door: authentication, fault injection, and two route tables (fixed paths, then
 * resource URLs) that send each request to a small handler. Reading requests is request.ts.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiServer } from "./apiserver.ts";
import type { Clock } from "./clock.ts";
import type { FaultInjector, RequestInfo } from "./faults.ts";
import {
  type Call,
  type CollectionCall,
  createObject,
  deleteCollection,
  deleteObject,
  type FixedCall,
  finalizeNamespace,
  getObject,
  getScale,
  listOrWatch,
  type ObjectCall,
  patchObject,
  patchScale,
  podLog,
  replaceObject,
  replaceScale,
  send,
  sendApiVersions,
  sendCoreResourceList,
  sendGroup,
  sendGroupResourceList,
  sendGroups,
  sendOk,
  sendVersion,
} from "./handlers.ts";
import { checkAccept, isWatch, parseResourcePath, type ResourceTarget } from "./request.ts";
import { R } from "./resources.ts";
import { ApiError, errors } from "./status.ts";

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

const DEFAULT_MAX_BODY = 3 * 1024 * 1024;

interface Route<C extends Call> {
  /** "*" answers every method. */
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "*";
  /**
   * A fixed path is matched whole: `:name` is one segment, a trailing `/?` an optional slash.
   * `{collection}` and `{object}` stand for a resource URL as parseResourcePath reads it
   * (/api/v1/namespaces/<namespace>/pods/<name>, /apis/apps/v1/deployments, …).
   */
  path: string;
  handler: (c: C) => unknown;
}

const FIXED_ROUTES: Route<FixedCall>[] = [
  { method: "*", path: "/version/?", handler: sendVersion },
  { method: "*", path: "/healthz", handler: sendOk },
  { method: "*", path: "/livez", handler: sendOk },
  { method: "*", path: "/readyz", handler: sendOk },
  { method: "*", path: "/api/?", handler: sendApiVersions },
  { method: "*", path: "/apis/?", handler: sendGroups },
  { method: "*", path: "/apis/:group/?", handler: sendGroup },
  { method: "*", path: "/api/v1/?", handler: sendCoreResourceList },
  { method: "*", path: "/apis/:group/:version/?", handler: sendGroupResourceList },
];

const COLLECTION_ROUTES: Route<CollectionCall>[] = [
  { method: "GET", path: "{collection}", handler: listOrWatch },
  { method: "POST", path: "{collection}", handler: createObject },
  { method: "DELETE", path: "{collection}", handler: deleteCollection },
];

const OBJECT_ROUTES: Route<ObjectCall>[] = [
  { method: "GET", path: "{object}", handler: getObject },
  { method: "PUT", path: "{object}", handler: replaceObject },
  { method: "PATCH", path: "{object}", handler: patchObject },
  { method: "DELETE", path: "{object}", handler: deleteObject },
  { method: "GET", path: "{object}/status", handler: getObject },
  { method: "PUT", path: "{object}/status", handler: replaceObject },
  { method: "PATCH", path: "{object}/status", handler: patchObject },
  // Refused with 405, but only once its options are checked, as kube-apiserver does.
  { method: "DELETE", path: "{object}/status", handler: deleteObject },
  { method: "GET", path: "{object}/log", handler: podLog },
  { method: "GET", path: "{object}/scale", handler: getScale },
  { method: "PUT", path: "{object}/scale", handler: replaceScale },
  { method: "PATCH", path: "{object}/scale", handler: patchScale },
  { method: "PUT", path: "{object}/finalize", handler: finalizeNamespace },
];

/** FIXED_ROUTES with their paths compiled, in table order. */
const FIXED_MATCHERS = FIXED_ROUTES.map((route) => {
  const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  return { route, names, pattern: new RegExp(`^${route.path.replace(/:\w+/g, "([^/]+)")}$`) };
});

/** Whether a route serves the method ("*" serves them all). */
function answers(route: { method: string }, method: string): boolean {
  return route.method === "*" || route.method === method;
}

function matchFixed(c: Call): { route: Route<FixedCall>; params: Record<string, string> } | undefined {
  for (const { route, names, pattern } of FIXED_MATCHERS) {
    const m = answers(route, c.method) ? pattern.exec(c.path) : null;
    if (m) return { route, params: Object.fromEntries(names.map((name, i) => [name, m[i + 1]!])) };
  }
  return undefined;
}

function patternOf(target: ResourceTarget): string {
  if (target.kind === "collection") return "{collection}";
  return target.subresource ? `{object}/${target.subresource}` : "{object}";
}

export function createRouter(ctx: RouterContext) {
  const maxBody = ctx.maxBodyBytes ?? DEFAULT_MAX_BODY;
  return async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://sim.invalid");
    const query = url.searchParams;
    const method = (req.method ?? "GET").toUpperCase();
    const pretty = query.get("pretty") === "true" || query.get("pretty") === "1";
    const path = url.pathname;
    const call = (out: ServerResponse): Call => ({ ctx, req, out, method, path, query, pretty, maxBody });
    try {
      authenticate(ctx, req);
      await withFaults(ctx.faults, { method, path, query }, res, (out) => dispatch(call(out)));
    } catch (err) {
      sendError(res, err, ctx.onError, `${method} ${path}`);
    }
  };
}

function authenticate(ctx: RouterContext, req: IncomingMessage) {
  if (ctx.token === undefined) return;
  if ((req.headers.authorization ?? "") !== `Bearer ${ctx.token}`) throw errors.unauthorized();
}

/** Applies injected delays and failures around `serve`, which answers on the response it is given. */
async function withFaults(
  faults: FaultInjector,
  info: RequestInfo,
  res: ServerResponse,
  serve: (out: ServerResponse) => Promise<void>,
) {
  const delay = faults.takeDelay(info);
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  const failure = faults.takeFailure(info);
  if (!failure) return serve(res);
  // afterCommit: do the work, then lose the answer.
  if (failure.afterCommit) await serve(new DiscardedResponse() as unknown as ServerResponse);
  throw errors.injected(failure.status, failure.message);
}

async function dispatch(c: Call): Promise<void> {
  const fixed = matchFixed(c);
  if (fixed) {
    await fixed.route.handler({ ...c, params: fixed.params });
    return;
  }
  const target = parseResourcePath(c.path);
  if (!target) throw errors.pathNotFound();
  checkAccept(c.req);
  checkTarget(target, c.query);
  if (target.kind === "collection") await serveRoute(COLLECTION_ROUTES, patternOf(target), { ...c, target });
  else await serveRoute(OBJECT_ROUTES, patternOf(target), { ...c, target });
}

/** Runs the route of `path` for the request's method; a known path with another method is a 405. */
async function serveRoute<C extends Call>(routes: Route<C>[], path: string, c: C): Promise<void> {
  const route = routes.find((r) => r.path === path && answers(r, c.method));
  if (!route) throw errors.methodNotAllowed();
  await route.handler(c);
}

/** What a parsed URL may still not address: a wrong scope, an unknown subresource, exec. */
function checkTarget(target: ResourceTarget, q: URLSearchParams) {
  const { rt, namespace } = target;
  // Namespaced objects need their namespace (collections may list across all of them).
  if (rt.namespaced && namespace === undefined && target.kind === "object") throw errors.pathNotFound();
  if (!rt.namespaced && namespace !== undefined) throw errors.pathNotFound();
  if (target.kind === "collection") return;
  const sub = target.subresource;
  const finalize = rt === R.namespaces && sub === "finalize";
  const served = (rt.subresources as string[]).includes(sub ?? "") || finalize;
  if (sub && !served) throw errors.pathNotFound();
  if (sub === "exec" || sub === "attach" || sub === "portforward") {
    const why = "no process runs in its containers";
    throw errors.badRequest(`${sub} is not available on the simulated cluster: ${why}`);
  }
  if (isWatch(target, q)) {
    const instead = "use fieldSelector=metadata.name=<name> on the collection";
    throw errors.badRequest(`watch of a single object: ${instead}`);
  }
}

function sendError(res: ServerResponse, err: unknown, onError: RouterContext["onError"], what: string) {
  if (err instanceof ApiError) {
    send(res, err.code, err.status, false, err.headers);
    return;
  }
  onError?.("apiserver", what, err);
  const message = err instanceof Error ? err.message : String(err);
  send(res, 500, errors.internal(message).status);
}

/** A response that goes nowhere (for faults that drop the answer after the work is done). */
class DiscardedResponse {
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
