// Scans every component and page: user-facing text must come from the catalogs, and layout
// must use logical CSS (start/end), so right-to-left languages read correctly.
import fs from "node:fs";
import path from "node:path";
import { parse } from "@babel/parser";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const TEXT_ATTRIBUTES = new Set([
  "aria-label",
  "aria-description",
  "title",
  "alt",
  "placeholder",
  "label",
  "description",
  "hint",
  "emptyTitle",
  "body",
  "submitLabel",
  "successMessage",
  "caption",
]);
const LETTER = /\p{L}/u;

function sourceFiles(): string[] {
  return ["app", "components"].flatMap((dir) =>
    fs
      .readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(".tsx"))
      .map((e) => path.join(e.parentPath, e.name)),
  );
}

type Node = { type: string; start?: number | null; loc?: { start: { line: number } } | null; [key: string]: unknown };

function walk(node: unknown, visit: (node: Node, parent: Node | null) => void, parent: Node | null = null) {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit, parent);
    return;
  }
  const current = node as Node;
  if (typeof current.type === "string") visit(current, parent);
  for (const [key, value] of Object.entries(current)) {
    if (key !== "loc" && key !== "extra") walk(value, visit, typeof current.type === "string" ? current : parent);
  }
}

/** Literal user-facing text in a file: JSX text, `{"text"}` children and text attributes. */
function literalTexts(source: string): { line: number; text: string }[] {
  const ast = parse(source, { sourceType: "module", plugins: ["jsx", "typescript"] });
  const found: { line: number; text: string }[] = [];
  walk(ast.program, (node, parent) => {
    const line = node.loc?.start.line ?? 0;
    if (node.type === "JSXText" && LETTER.test(String(node.value)))
      found.push({ line, text: String(node.value).trim() });
    if (node.type === "StringLiteral" && LETTER.test(String(node.value))) {
      if (parent?.type === "JSXExpressionContainer") found.push({ line, text: String(node.value) });
      if (parent?.type === "JSXAttribute" && TEXT_ATTRIBUTES.has(String((parent.name as Node).name)))
        found.push({ line, text: String(node.value) });
    }
  });
  return found;
}

/** Every string in a file, literal or template part, with its line: class names live in them. */
function strings(source: string): { line: number; text: string }[] {
  const ast = parse(source, { sourceType: "module", plugins: ["jsx", "typescript"] });
  const found: { line: number; text: string }[] = [];
  walk(ast.program, (node) => {
    const line = node.loc?.start.line ?? 0;
    if (node.type === "StringLiteral") found.push({ line, text: String(node.value) });
    if (node.type === "TemplateElement") found.push({ line, text: String((node.value as { raw: string }).raw) });
  });
  return found;
}

// Tailwind utilities for a physical side: margin, padding, inset, text alignment, borders and corners.
const PHYSICAL_UTILITIES = [
  "-?m[lr]-",
  "p[lr]-",
  "-?left-",
  "-?right-",
  "text-(?:left|right)\\b",
  "border-[lr]\\b",
  "border-[lr]-",
  "rounded-[lr]\\b",
  "rounded-[tb][lr]\\b",
];
/** One of them at the start of a class name (after a space, a quote or a variant's colon). */
const PHYSICAL = new RegExp(`(?<![\\w-])(?:${PHYSICAL_UTILITIES.join("|")})`);

describe("user-facing text", () => {
  it("the scanner finds literals (so a pass means something)", () => {
    const found = literalTexts(
      `export const A = () => <p title="Hello">Save {"now"} <b aria-label="x1">—</b>{t("ok")}</p>;`,
    );
    expect(found.map((f) => f.text)).toEqual(["Hello", "Save", "now", "x1"]);
  });

  it("comes from the catalogs in every page and component", () => {
    const offenders = sourceFiles().flatMap((file) =>
      literalTexts(fs.readFileSync(file, "utf8")).map(
        (f) => `${path.relative(ROOT, file)}:${f.line} ${JSON.stringify(f.text)}`,
      ),
    );
    expect(offenders).toEqual([]);
  });
});

describe("layout", () => {
  it("the physical-direction check catches left/right classes", () => {
    expect(PHYSICAL.test('className="ml-2 text-left"')).toBe(true);
    expect(PHYSICAL.test('className="ms-2 text-start pe-4 start-0"')).toBe(false);
  });

  it("the scanner sees classes split over lines or kept in constants", () => {
    const source = [
      "const A = [",
      '  "ms-2",',
      "  `md:pl-4`,",
      '].join(" ");',
      "export const B = () => <p className={A} />;",
    ].join("\n");
    expect(strings(source).filter((s) => PHYSICAL.test(s.text))).toEqual([{ line: 3, text: "md:pl-4" }]);
  });

  it("uses logical properties (start/end), never left/right", () => {
    const offenders = sourceFiles().flatMap((file) =>
      strings(fs.readFileSync(file, "utf8"))
        .filter((s) => PHYSICAL.test(s.text))
        .map((s) => `${path.relative(ROOT, file)}:${s.line} ${JSON.stringify(s.text)}`),
    );
    expect(offenders).toEqual([]);
  });
});
