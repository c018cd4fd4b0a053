import type { SkuOverride } from "@/lib/skus/overrides";
import type { SkuSpec } from "@/lib/skus/spec";
import type { Db } from "@/server/db/client";
import type { Actor } from "@/server/services/audit/record-audit";
import { createSku, publishVersion } from "@/server/services/skus/author-sku";
import { type Sharing, setSharing } from "@/server/services/skus/sharing";
import { platformAdminOf } from "../support/actors";
import { templateVersion } from "./sku-specs";
import { uniqueSlug } from "./unique";

export type SeedSkuOptions = {
  /** The template it starts from; default "dev-pod-small". */
  template?: string;
  /** Changes to the template's spec before it is saved. */
  edit?: (spec: SkuSpec) => void;
  /** Default the spec's name with a unique suffix. */
  slug?: string;
  /** Default the template's. */
  overrides?: SkuOverride[];
  /** Default true; false leaves version 1 a draft (test launches may still run it). */
  published?: boolean;
  /** Every org, or chosen orgs (each with all its projects, or chosen ones); default nobody. */
  sharedWith?: "all" | Sharing["orgs"];
  /** Who authors it, for the audit trail; default the demo platform admin. */
  as?: Actor;
};

/** A SKU as a provider admin authors one: createSku, then setSharing and publishVersion. */
export async function seedSku(db: Db, options: SeedSkuOptions = {}) {
  const actor = options.as ?? (await platformAdminOf(db));
  const version = templateVersion(options.template ?? "dev-pod-small");
  options.edit?.(version.spec);
  const slug = options.slug ?? uniqueSlug(version.spec.basics.name);
  const overrides = options.overrides ?? version.overrides;
  const { skuId, versionId } = await createSku(db, actor, { slug, spec: version.spec, overrides });
  const { sharedWith } = options;
  if (sharedWith) {
    const everyone = sharedWith === "all";
    await setSharing(db, actor, { skuId, sharedWithAll: everyone, orgs: everyone ? [] : sharedWith });
  }
  if (options.published ?? true) await publishVersion(db, actor, { versionId });
  return { skuId, versionId, slug, spec: version.spec };
}
