import { diffOverrides, diffSpecs } from "@/lib/skus/diff";
import type { SkuOverride } from "@/lib/skus/overrides";
import type { SkuSpec } from "@/lib/skus/spec";
import type { Db, DbTx } from "@/server/db/client";
import { newRowId } from "@/server/db/row-id";
import { AppError, notFound } from "@/server/errors";
import { type Actor, recordAudit } from "@/server/services/audit/record-audit";
import { openSecrets, restoreSecrets, type SealedVersion, sealSecrets } from "./secret-values";
import { decodeSpec, decodeVersion } from "./stored-version";
import { validateVersion } from "./validate-version";

type DecodedColumns = { spec: SkuSpec; overrides: SkuOverride[] };

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as object;

const changesOf = (from: DecodedColumns | null, to: DecodedColumns) =>
  Object.fromEntries(
    [...(from ? diffSpecs(from.spec, to.spec) : []), ...(from ? diffOverrides(from.overrides, to.overrides) : [])].map(
      (c) => [c.path, { from: "from" in c ? c.from : null, to: "to" in c ? c.to : null }],
    ),
  );

type VersionInput = { spec: unknown; overrides?: unknown };

/** A new SKU with its first version as a draft (nobody can see or launch it yet). */
export async function createSku(db: Db, actor: Actor, input: { slug: string } & VersionInput) {
  return db.$transaction((tx) => createSkuIn(tx, actor, input));
}

/** A SKU pinned to a cluster must name a registered one: that is where it will run. */
async function checkPlacement(tx: DbTx, spec: SkuSpec) {
  const clusterId = spec.placement?.clusterId;
  if (clusterId && !(await tx.cluster.findUnique({ where: { id: clusterId } }))) {
    throw new AppError("validation", { "placement.clusterId": { key: "unknownCluster" } });
  }
}

/** createSku inside a caller's transaction (e.g. an import that also shares the SKU). */
export async function createSkuIn(tx: DbTx, actor: Actor, input: { slug: string } & VersionInput) {
  const version = validateVersion(restoreSecrets(input.spec, null), input.overrides);
  await checkPlacement(tx, version.spec);
  if (await tx.sku.findUnique({ where: { slug: input.slug } }))
    throw new AppError("conflict", { slug: { key: "taken" } });
  // Known before the write: the version's secret values are sealed for it.
  const versionId = newRowId();
  const sku = await tx.sku.create({
    data: {
      slug: input.slug,
      kind: version.spec.kind,
      versions: {
        create: {
          id: versionId,
          number: 1,
          spec: json(sealSecrets(version.spec, versionId, null)),
          overrides: json(version.overrides),
          createdById: actor.userId,
        },
      },
    },
    include: { versions: true },
  });
  await recordAudit(tx, actor, {
    action: "sku.create",
    orgId: null,
    targetType: "sku",
    targetId: sku.id,
    changes: { slug: { from: null, to: sku.slug }, kind: { from: null, to: sku.kind } },
  });
  return { skuId: sku.id, versionId: sku.versions[0]!.id };
}

/** Locks the SKU row: versions of one SKU change one at a time. */
async function lockSku(tx: DbTx, skuId: string) {
  const rows = await tx.$queryRaw<
    { id: string; kind: string }[]
  >`SELECT "id", "kind" FROM "Sku" WHERE "id" = ${skuId} FOR UPDATE`;
  if (!rows[0]) throw notFound();
  return rows[0];
}

/**
 * Saves the SKU's draft. A published version is never changed: editing a SKU with no draft
 * starts a new draft from its latest version. The kind of a SKU never changes.
 */
export async function saveDraft(db: Db, actor: Actor, input: { skuId: string } & VersionInput) {
  return db.$transaction((tx) => saveDraftIn(tx, actor, input));
}

export async function saveDraftIn(tx: DbTx, actor: Actor, input: { skuId: string } & VersionInput) {
  const sku = await lockSku(tx, input.skuId);
  const latest = decodeVersion(
    await tx.skuVersion.findFirstOrThrow({ where: { skuId: sku.id }, orderBy: { number: "desc" } }),
  );
  const validated = validateVersion(restoreSecrets(input.spec, latest), input.overrides);
  await checkPlacement(tx, validated.spec);
  if (validated.spec.kind !== sku.kind) throw new AppError("validation", { kind: { key: "kindChange" } });
  const draftId = latest.state === "DRAFT" ? latest.id : newRowId();
  const sealed = sealSecrets(validated.spec, draftId, latest);
  const data = { spec: json(sealed), overrides: json(validated.overrides) };
  const draft =
    latest.state === "DRAFT"
      ? await tx.skuVersion.update({ where: { id: latest.id }, data })
      : await tx.skuVersion.create({
          data: { ...data, id: draftId, skuId: sku.id, number: latest.number + 1, createdById: actor.userId },
        });
  await recordAudit(tx, actor, {
    action: "sku.edit",
    orgId: null,
    targetType: "skuVersion",
    targetId: draft.id,
    // Compared in clear (and redacted by the diff): a re-sealed copy of a value is no change.
    changes: changesOf({ spec: openSecrets(latest), overrides: latest.overrides }, validated),
  });
  return { versionId: draft.id, number: draft.number };
}

/**
 * Publishes a version (a draft, or an earlier version again to roll back). The SKU's current
 * published version, if another, is archived: users launch exactly one version of a SKU, and
 * running deployments keep the version they were launched from.
 */
export async function publishVersion(db: Db, actor: Actor, input: { versionId: string }) {
  return db.$transaction(async (tx) => {
    const version = await tx.skuVersion.findUnique({ where: { id: input.versionId } });
    if (!version) throw notFound();
    await lockSku(tx, version.skuId);
    if (version.state === "PUBLISHED") return { changed: false };
    validateVersion(openSecrets({ id: version.id, spec: decodeSpec(version.spec) }), version.overrides);
    const current = await tx.skuVersion.findFirst({ where: { skuId: version.skuId, state: "PUBLISHED" } });
    if (current)
      await tx.skuVersion.update({ where: { id: current.id }, data: { state: "ARCHIVED", archivedAt: new Date() } });
    await tx.skuVersion.update({
      where: { id: version.id },
      data: { state: "PUBLISHED", publishedAt: new Date(), archivedAt: null },
    });
    await recordAudit(tx, actor, {
      action: "sku.publish",
      orgId: null,
      targetType: "sku",
      targetId: version.skuId,
      changes: { publishedVersion: { from: current?.number ?? null, to: version.number } },
    });
    return { changed: true };
  });
}

/** Withdraws a SKU from the catalog; deployments already running keep running. */
export async function archiveSku(db: Db, actor: Actor, input: { skuId: string }) {
  return db.$transaction(async (tx) => {
    await lockSku(tx, input.skuId);
    const current = await tx.skuVersion.findFirst({ where: { skuId: input.skuId, state: "PUBLISHED" } });
    if (!current) return { changed: false };
    await tx.skuVersion.update({ where: { id: current.id }, data: { state: "ARCHIVED", archivedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "sku.archive",
      orgId: null,
      targetType: "sku",
      targetId: input.skuId,
      changes: { publishedVersion: { from: current.number, to: null } },
    });
    return { changed: true };
  });
}

/** The field-level difference between two versions of one SKU. */
export async function diffVersions(db: DbTx, input: { fromVersionId: string; toVersionId: string }) {
  const [from, to] = await Promise.all([
    db.skuVersion.findUnique({ where: { id: input.fromVersionId } }),
    db.skuVersion.findUnique({ where: { id: input.toVersionId } }),
  ]);
  if (!from || !to || from.skuId !== to.skuId) throw notFound();
  return versionChanges(decodeVersion(from), decodeVersion(to));
}

/**
 * What changed from one version to another, field by field. Secret values are compared in clear (each
 * version seals its own) and redacted by the diff.
 */
export function versionChanges(from: DecodedColumns & SealedVersion, to: DecodedColumns & SealedVersion) {
  return [...diffSpecs(openSecrets(from), openSecrets(to)), ...diffOverrides(from.overrides, to.overrides)];
}
