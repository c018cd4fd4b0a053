// SKU specs from the shipped templates, for unit tests and for the SKUs integration tests create.
// Pure: no database, so unit tests import this file directly.
import type { SkuOverride } from "@/lib/skus/overrides";
import { parseSkuSpec, type SkuSpec } from "@/lib/skus/spec";
import { type SkuTemplate, templateById, templateSpec } from "@/lib/skus/templates";

function template(id: string): SkuTemplate {
  const found = templateById(id);
  if (!found) throw new Error(`no SKU template ${id}`);
  return found;
}

/** A template's raw input as an edit sees it: reached into by path, with fields deleted or replaced. */
// biome-ignore lint/suspicious/noExplicitAny: edits reach into the input by path; the parse below checks the result
type RawSpecInput = any;

/**
 * A template's spec after `edit` changed its raw input, parsed with every default filled in. The
 * input is loosely typed so an edit can delete fields; a spec that no longer parses fails the test.
 */
export function skuSpecOf(templateId: string, edit: (input: RawSpecInput) => void = () => {}): SkuSpec {
  const input: RawSpecInput = structuredClone(template(templateId).spec);
  edit(input);
  const result = parseSkuSpec(input);
  if (!result.ok) throw new Error(JSON.stringify(result.fields));
  return result.spec;
}

/** A template's spec and overrides, as createSku takes them. */
export function templateVersion(templateId: string): { spec: SkuSpec; overrides: SkuOverride[] } {
  const found = template(templateId);
  return { spec: templateSpec(found), overrides: found.overrides };
}
