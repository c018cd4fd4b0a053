import type { DbTx } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { redactSecrets } from "./secret-values";
import { decodeVersion } from "./stored-version";

/** Every SKU with its versions' numbers and states (newest first). */
export async function listSkus(db: DbTx) {
  const skus = await db.sku.findMany({
    orderBy: { slug: "asc" },
    include: {
      versions: { orderBy: { number: "desc" }, select: { id: true, number: true, state: true, publishedAt: true } },
    },
  });
  return skus.map(({ id, slug, kind, sharedWithAll, versions }) => ({ id, slug, kind, sharedWithAll, versions }));
}

/** One SKU with its latest version's spec and overrides. */
export async function getSku(db: DbTx, skuId: string) {
  const sku = await db.sku.findUnique({ where: { id: skuId }, include: { versions: { orderBy: { number: "desc" } } } });
  if (!sku) throw notFound();
  const latest = decodeVersion(sku.versions[0]!);
  return {
    id: sku.id,
    slug: sku.slug,
    kind: sku.kind,
    sharedWithAll: sku.sharedWithAll,
    latest: {
      id: latest.id,
      number: latest.number,
      state: latest.state,
      spec: redactSecrets(latest.spec),
      overrides: latest.overrides,
    },
    versions: sku.versions.map((v) => ({ id: v.id, number: v.number, state: v.state })),
  };
}
