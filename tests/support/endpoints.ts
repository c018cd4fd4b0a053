/**
 * Every endpoint of the app, found on disk: server action modules (`"use server"` files, by the lint's own
 * directive rule), functions marked `"use server"` inline in components and pages, and route handlers
 * (`route.ts/tsx/js` with each exported HTTP method, and Next's metadata routes). Shared by the
 * authorization test and the fuzz suite, so an endpoint one of them misses, both miss.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "@babel/parser";
import type { ActionResult } from "@/lib/errors";
import { isDirective } from "@/scripts/lint/import-graph";

export const ROOT = path.resolve(__dirname, "../..");

export type Action = (input: unknown) => Promise<ActionResult<unknown>>;
export type RouteHandler = (
  request: Request,
  context: { params?: Promise<Record<string, string>> },
) => Promise<Response>;

/** Every method Next routes to a handler's export. */
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** Route handler files, and Next's metadata routes (answered by their default export). */
const ROUTE_FILE = /^route\.(ts|tsx|js|jsx)$/;
const METADATA_FILE = /^(sitemap|robots|manifest|(opengraph|twitter)-image|icon|apple-icon)\d*\.(ts|tsx|js|jsx)$/;

export function filesUnder(dir: string, match: (name: string) => boolean): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && match(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const SOURCE = /\.(ts|tsx)$/;

/** An action's id: its path under server/actions (else under the project), then `#export`. */
function moduleId(file: string): string {
  const actions = path.join(ROOT, "server/actions");
  const base = file.startsWith(actions + path.sep) ? actions : ROOT;
  return path.relative(base, file).replace(SOURCE, "");
}

/** The `"use server"` modules under server/ and app/. */
export function serverActionFiles(): string[] {
  return [...filesUnder("server", (n) => SOURCE.test(n)), ...filesUnder("app", (n) => SOURCE.test(n))].filter((file) =>
    isDirective(fs.readFileSync(file, "utf8"), "use server"),
  );
}

export async function discoverActions(): Promise<Map<string, Action>> {
  const found = new Map<string, Action>();
  for (const file of serverActionFiles()) {
    for (const [name, value] of Object.entries(await import(file))) {
      if (typeof value === "function") found.set(`${moduleId(file)}#${name}`, value as Action);
    }
  }
  return found;
}

type Node = { type?: string; directives?: { value: { value: string } }[]; loc?: { start: { line: number } } };

/** Lines of functions with a `"use server"` directive in their body (not the module's own directive). */
export function inlineServerFunctions(source: string): number[] {
  const ast = parse(source, { sourceType: "module", plugins: ["typescript", "jsx"], errorRecovery: true });
  const lines: number[] = [];
  const visit = (node: unknown, inFunction: boolean): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, inFunction);
      return;
    }
    const current = node as Node;
    if (inFunction && current.type === "BlockStatement") {
      if (current.directives?.some((d) => d.value.value === "use server")) lines.push(current.loc?.start.line ?? 0);
    }
    const isFunction = /Function|ObjectMethod|ClassMethod/.test(current.type ?? "");
    for (const [key, child] of Object.entries(current)) {
      if (key !== "loc" && key !== "leadingComments" && key !== "trailingComments")
        visit(child, inFunction || isFunction);
    }
  };
  visit(ast.program, false);
  return lines;
}

/** `file:line` of every inline `"use server"` function in app/ and components/. */
export function inlineServerFunctionsOnDisk(): string[] {
  return [...filesUnder("app", (n) => SOURCE.test(n)), ...filesUnder("components", (n) => SOURCE.test(n))].flatMap(
    (file) =>
      inlineServerFunctions(fs.readFileSync(file, "utf8")).map((line) => `${path.relative(ROOT, file)}:${line}`),
  );
}

/** A route's id: its URL path under app/ (route groups left out), then `#METHOD` (`#default` for metadata). */
function routeId(file: string): string {
  const dir = path.relative(path.join(ROOT, "app"), path.dirname(file));
  const parts = dir.split(path.sep).filter((part) => part && !/^\(.*\)$/.test(part));
  const name = path.basename(file);
  if (METADATA_FILE.test(name)) parts.push(name.replace(/\.(ts|tsx|js|jsx)$/, ""));
  return parts.join("/");
}

/** Whether Next serves a file of this name as a route: a handler or a metadata route. */
export const isRouteFile = (name: string): boolean => ROUTE_FILE.test(name) || METADATA_FILE.test(name);

export function routeFiles(): string[] {
  return filesUnder("app", isRouteFile);
}

export async function discoverRoutes(): Promise<Map<string, RouteHandler>> {
  const found = new Map<string, RouteHandler>();
  for (const file of routeFiles()) {
    const exports: Record<string, unknown> = await import(file);
    const names = METADATA_FILE.test(path.basename(file)) ? ["default"] : HTTP_METHODS;
    for (const name of names) {
      if (typeof exports[name] === "function") found.set(`${routeId(file)}#${name}`, exports[name] as RouteHandler);
    }
  }
  return found;
}

/** `api/v1/skus/[skuId]#GET` → `GET`. */
export const methodOf = (id: string): string => id.split("#")[1] ?? "GET";
