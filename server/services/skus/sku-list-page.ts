import { SKU_TEMPLATES } from "@/lib/skus/templates";
import { db } from "@/server/db/client";
import { listSkus } from "./list-skus";

/** Every SKU with its published and draft version, and the templates a new SKU can start from. */
export async function skuListPage() {
  const skus = await listSkus(db());
  return {
    skus: skus.map((sku) => ({
      id: sku.id,
      slug: sku.slug,
      kind: sku.kind,
      sharedWithAll: sku.sharedWithAll,
      published: sku.versions.find((v) => v.state === "PUBLISHED")?.number ?? null,
      draft: sku.versions.find((v) => v.state === "DRAFT")?.number ?? null,
    })),
    templates: SKU_TEMPLATES.map((template) => template.id),
  };
}

export type SkuListPage = Awaited<ReturnType<typeof skuListPage>>;
