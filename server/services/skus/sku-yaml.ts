import { isNode, LineCounter, parseDocument, stringify } from "yaml";
import type { FieldError, FileProblem, ValidationKey } from "@/lib/errors";
import { slugSchema } from "@/lib/validation/common";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { type SkuFileSharing, skuFileSharingSchema } from "@/lib/validation/skus";
import type { Db, DbTx } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";
import type { Actor } from "@/server/services/audit/record-audit";
import { createSkuIn, saveDraftIn } from "./author-sku";
import { redactSecrets } from "./secret-values";
import { type Sharing, setSharingIn } from "./sharing";
import { resolveFileSharing } from "./sku-file-sharing";
import { decodeVersion } from "./stored-version";
import { validateVersion } from "./validate-version";

// A SKU as a file, for GitOps: the latest version's spec and overrides, and who it is shared
// with (by org and project short names, so a file moves between installations).
const SKU_API_VERSION = "portico.dev/v1";

type SharingDocument = { sharedWithAll: boolean; orgs: { org: string; projects?: string[] }[] };
type Problems = { ok: false; problems: YamlProblem[] };

type SkuWithFile = {
  slug: string;
  sharedWithAll: boolean;
  versions: { spec: unknown; overrides: unknown }[];
  shares: { orgId: string; projectId: string }[];
};
type OrgNames = { id: string; slug: string; projects: { id: string; slug: string }[] }[];

export async function exportSkuYaml(db: DbTx, skuId: string): Promise<string> {
  const sku = await db.sku.findUnique({
    where: { id: skuId },
    include: { versions: { orderBy: { number: "desc" }, take: 1 }, shares: true },
  });
  if (!sku) throw notFound();
  const orgs = await db.organization.findMany({
    where: { id: { in: sku.shares.map((s) => s.orgId) } },
    include: { projects: true },
  });
  return skuFile(sku, orgs);
}

/** The file of a SKU already read (its versions newest first, its shares), naming orgs and projects by slug. */
export function skuFile(sku: SkuWithFile, orgs: OrgNames): string {
  const shared = orgs.filter((org) => sku.shares.some((s) => s.orgId === org.id));
  const sharing: SharingDocument = {
    sharedWithAll: sku.sharedWithAll,
    orgs: shared.map((org) => {
      const projects = sku.shares
        .filter((s) => s.orgId === org.id && s.projectId)
        .map((s) => org.projects.find((p) => p.id === s.projectId)!.slug);
      return projects.length ? { org: org.slug, projects } : { org: org.slug };
    }),
  };
  const latest = decodeVersion(sku.versions[0]!);
  const document = { apiVersion: SKU_API_VERSION, kind: "Sku", metadata: { slug: sku.slug } };
  return stringify({ ...document, spec: redactSecrets(latest.spec), overrides: latest.overrides, sharing });
}

export type YamlProblem = FileProblem;

function lineOf(doc: ReturnType<typeof parseDocument>, counter: LineCounter, path: string): number {
  const segments = path.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  for (let length = segments.length; length > 0; length--) {
    const node = doc.getIn(segments.slice(0, length), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

function problems(
  doc: ReturnType<typeof parseDocument>,
  counter: LineCounter,
  prefix: string,
  fields: Record<string, FieldError>,
): YamlProblem[] {
  return Object.entries(fields).map(([path, error]) => {
    const full = path === "_" ? prefix : `${prefix}.${path}`.replace(/^\./, "");
    return { ...error, path: full, line: lineOf(doc, counter, full) };
  });
}

type Parsed = { slug: string; spec: unknown; overrides: unknown; sharing: SkuFileSharing | undefined };
type ParsedFile = { ok: true; value: Parsed; lineOf: (path: string) => number };

/** The sharing block through the form's field rules; a file without one leaves the SKU's sharing as it is. */
function parseSharing(raw: unknown, report: (fields: Record<string, FieldError>) => void): SkuFileSharing | undefined {
  if (raw === undefined || raw === null) return undefined;
  const parsed = skuFileSharingSchema.safeParse(raw);
  if (!parsed.success) report(fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** Reads and checks a SKU file on its own (see checkSkuFile); every problem names its line. */
export function parseSkuYaml(text: string): ParsedFile | Problems {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({ key: "yamlSyntax", path: "", line: e.linePos?.[0]?.line ?? 1 })),
    };
  }
  const data = doc.toJS() as Record<string, unknown> | null;
  const found: YamlProblem[] = [];
  const at = (path: string, key: ValidationKey) => found.push({ key, path, line: lineOf(doc, counter, path) });
  if (!data || typeof data !== "object") return { ok: false, problems: [{ key: "fileShape", path: "", line: 1 }] };
  if (data.apiVersion !== SKU_API_VERSION) at("apiVersion", "yamlApiVersion");
  if (data.kind !== "Sku") at("kind", "yamlKind");
  const slug = slugSchema.safeParse((data.metadata as { slug?: unknown } | undefined)?.slug);
  if (!slug.success) at("metadata.slug", fieldErrorsOf(slug.error)._?.key ?? "slug");
  try {
    validateVersion(data.spec, data.overrides ?? []);
  } catch (error) {
    if (!(error instanceof AppError) || !error.fields) throw error;
    found.push(
      ...problems(doc, counter, "", error.fields).map((p) =>
        p.path.startsWith("overrides")
          ? p
          : { ...p, path: `spec.${p.path}`, line: lineOf(doc, counter, `spec.${p.path}`) },
      ),
    );
  }
  const sharing = parseSharing(data.sharing, (fields) => found.push(...problems(doc, counter, "sharing", fields)));
  if (found.length) return { ok: false, problems: found };
  return {
    ok: true,
    value: { slug: slug.data!, spec: data.spec, overrides: data.overrides ?? [], sharing },
    lineOf: (path) => lineOf(doc, counter, path),
  };
}

/**
 * Everything an import checks, writing nothing: the file itself, then that its sharing names existing
 * customer orgs and their projects. A dry run is exactly this.
 */
export async function checkSkuFile(
  db: DbTx,
  text: string,
): Promise<(ParsedFile & { sharing: Sharing | undefined }) | Problems> {
  const parsed = parseSkuYaml(text);
  if (!parsed.ok) return parsed;
  if (!parsed.value.sharing) return { ...parsed, sharing: undefined };
  const resolved = await resolveFileSharing(db, parsed.value.sharing, parsed.lineOf);
  return resolved.ok ? { ...parsed, sharing: resolved.sharing } : resolved;
}

/**
 * Imports a SKU file: a new SKU (first version a draft), or a new draft of the SKU with that
 * slug, with its sharing. A file with any problem changes nothing.
 */
export async function importSkuYaml(db: Db, actor: Actor, text: string) {
  return db.$transaction(async (tx) => {
    const checked = await checkSkuFile(tx, text);
    if (!checked.ok) return { ok: false as const, problems: checked.problems };
    const { slug, spec, overrides } = checked.value;
    const existing = await tx.sku.findUnique({ where: { slug } });
    const skuId = existing?.id ?? (await createSkuIn(tx, actor, { slug, spec, overrides })).skuId;
    if (existing) await saveDraftIn(tx, actor, { skuId, spec, overrides });
    if (checked.sharing) await setSharingIn(tx, actor, { skuId, ...checked.sharing });
    return { ok: true as const, skuId, created: !existing };
  });
}

/** The import route's answer: a dry run only checks; a file with problems is one validation error listing them. */
export async function importSkuFile(db: Db, actor: Actor, text: string, options: { dryRun: boolean }) {
  const result = options.dryRun ? await checkSkuFile(db, text) : await importSkuYaml(db, actor, text);
  if (!result.ok) throw new AppError("validation", fieldsOf(result.problems), result.problems);
  return options.dryRun ? { ok: true, dryRun: true } : result;
}

function fieldsOf(problems: YamlProblem[]): Record<string, FieldError> {
  return Object.fromEntries(problems.map(({ path, key, values }) => [path || "_", values ? { key, values } : { key }]));
}
