// The server/browser boundary, checked on the import graph (a lint step, and a unit test):
// - pages and components never import the database client or open secrets;
// - nothing a "use client" module reaches imports server code or Node built-ins, except server actions
//   (modules that start with "use server"), which Next turns into references.
import fs from "node:fs";
import { filesUnder, isDirective, relative, resolveImport, valueImports } from "./import-graph.ts";

const DATABASE = /^@\/server\/db\//;
const SECRETS = /^@\/server\/(security\/|services\/skus\/secret-values)/;

/** Direct imports of the database or of secret handling in app/ and components/. */
export const dataAccessInViews = () => dataAccessIn(filesUnder("app", "components"));

export function dataAccessIn(files: string[]): string[] {
  return files.flatMap((file) =>
    valueImports(file)
      .filter((specifier) => DATABASE.test(specifier) || SECRETS.test(specifier))
      .map((specifier) => `${relative(file)} imports ${specifier}`),
  );
}

/** For each client module, the first path by which it reaches server code, if any. */
export function serverCodeInClientBundles(): string[] {
  const problems: string[] = [];
  for (const entry of filesUnder("app", "components", "lib")) {
    if (!isDirective(fs.readFileSync(entry, "utf8"), "use client")) continue;
    const problem = serverCodeReachedFrom(entry);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** How a client module reaches server code (the import path), or null when it does not. */
export function serverCodeReachedFrom(entry: string): string | null {
  return (
    reachServer(entry, [entry], new Set([entry]))
      ?.map(relative)
      .join(" → ") ?? null
  );
}

function reachServer(file: string, trail: string[], seen: Set<string>): string[] | null {
  for (const specifier of valueImports(file)) {
    if (specifier.startsWith("node:")) return [...trail, specifier];
    const target = resolveImport(file, specifier);
    if (!target || !/\.tsx?$/.test(target) || seen.has(target)) continue;
    seen.add(target);
    const source = fs.readFileSync(target, "utf8");
    if (isDirective(source, "use server")) continue;
    if (relative(target).startsWith("server/")) return [...trail, target];
    const deeper = reachServer(target, [...trail, target], seen);
    if (deeper) return deeper;
  }
  return null;
}

if (process.argv[1]?.endsWith("boundaries.ts")) {
  const problems = [...dataAccessInViews(), ...serverCodeInClientBundles()];
  for (const problem of problems) console.error(`boundary: ${problem}`);
  if (problems.length > 0) process.exit(1);
  console.log("boundaries: pages and components read no data; client bundles hold no server code");
}
