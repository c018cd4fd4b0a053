// The module graph of the app as its bundles see it: value imports only (type imports are erased).
import fs from "node:fs";
import path from "node:path";
import { parse } from "@babel/parser";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];

type Node = { type: string; [key: string]: unknown };

/** What a file imports at run time: `import x from`, `export … from`, `import()`; not `import type`. */
export function valueImports(file: string): string[] {
  const plugins: ("jsx" | "typescript")[] = file.endsWith(".tsx") ? ["jsx", "typescript"] : ["typescript"];
  const ast = parse(fs.readFileSync(file, "utf8"), { sourceType: "module", plugins });
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    const current = node as Node;
    const from = (current.source as { value?: string } | null | undefined)?.value;
    const typeOnly = current.importKind === "type" || current.exportKind === "type";
    if (/^(Import|ExportNamed|ExportAll)Declaration$/.test(current.type) && from && !typeOnly) {
      const specifiers = (current.specifiers as Node[] | undefined) ?? [];
      const allTypes =
        specifiers.length > 0 && specifiers.every((s) => s.importKind === "type" || s.exportKind === "type");
      if (!allTypes) found.push(from);
    }
    if (
      current.type === "ImportExpression" ||
      (current.type === "CallExpression" && (current.callee as Node)?.type === "Import")
    ) {
      const argument = (current.source ?? (current.arguments as Node[])[0]) as { value?: unknown } | undefined;
      if (typeof argument?.value === "string") found.push(argument.value);
    }
    for (const [key, value] of Object.entries(current)) if (key !== "loc") visit(value);
  };
  visit(ast.program);
  return found;
}

/** The project file an import names, or null for a package or a Node built-in. */
export function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(ROOT, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  if (fs.existsSync(base) && fs.statSync(base).isFile()) return base;
  for (const extension of EXTENSIONS) if (fs.existsSync(base + extension)) return base + extension;
  return null;
}

export const isDirective = (source: string, directive: "use client" | "use server") =>
  new RegExp(`^(?:\\s|//[^\\n]*\\n|/\\*[\\s\\S]*?\\*/)*["']${directive}["']`).test(source);

/** Every file under these folders of the project (TypeScript only). */
export function filesUnder(...dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    fs
      .readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name)),
  );
}

export const relative = (file: string) => path.relative(ROOT, file);
