import type { SkuOverride } from "@/lib/skus/overrides";
import type { SkuSpec } from "@/lib/skus/spec";
import type { DbTx } from "@/server/db/client";
import { decodeVersion } from "./stored-version";

export type CatalogEntry = {
  skuId: string;
  slug: string;
  kind: string;
  versionId: string;
  version: number;
  spec: SkuSpec;
  overrides: SkuOverride[];
  /** Every project of the org, or only these. */
  projects: "all" | string[];
};

/**
 * What an organization's members may launch: each SKU's published version, if the SKU is
 * shared with every org, with this org, or with some of its projects. Drafts never appear.
 */
export async function listCatalog(db: DbTx, orgId: string, only?: { skuId: string }): Promise<CatalogEntry[]> {
  const skus = await db.sku.findMany({
    where: {
      ...(only && { id: only.skuId }),
      versions: { some: { state: "PUBLISHED" } },
      OR: [{ sharedWithAll: true }, { shares: { some: { orgId } } }],
    },
    include: { versions: { where: { state: "PUBLISHED" } }, shares: { where: { orgId } } },
    orderBy: { slug: "asc" },
  });
  return skus.map((sku) => {
    const version = decodeVersion(sku.versions[0]!);
    const wholeOrg = sku.sharedWithAll || sku.shares.some((s) => s.projectId === "");
    return {
      skuId: sku.id,
      slug: sku.slug,
      kind: sku.kind,
      versionId: version.id,
      version: version.number,
      spec: version.spec,
      overrides: version.overrides,
      projects: wholeOrg ? "all" : sku.shares.map((s) => s.projectId),
    };
  });
}

/** One SKU as the org's catalog has it, or undefined when it is not shared with the org (or not published). */
export async function catalogEntry(db: DbTx, orgId: string, skuId: string): Promise<CatalogEntry | undefined> {
  return (await listCatalog(db, orgId, { skuId }))[0];
}
