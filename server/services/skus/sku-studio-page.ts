import { createHash } from "node:crypto";
import { specForBrowser } from "@/lib/skus/launch-values";
import { launchFormFields } from "@/lib/skus/overrides";
import { perRequest } from "@/server/auth/request-scope";
import { db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { localeChoices } from "@/server/i18n/locale-choices";
import { launchFormMessages } from "@/server/i18n/preview-messages";
import { versionChanges } from "./author-sku";
import { PATTERN_MESSAGE_KEYS } from "./pattern-messages";
import { openSecrets, redactSecrets } from "./secret-values";
import { skuFile } from "./sku-yaml";
import { decodeVersion } from "./stored-version";

/** Customer orgs with their projects: whom a SKU can be shared with, and who can get a price. */
const customerOrgs = () =>
  db().organization.findMany({
    where: { kind: "CUSTOMER" },
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      projects: { orderBy: { name: "asc" }, select: { id: true, slug: true, name: true } },
    },
  });

const loadSku = (skuId: string) =>
  db().sku.findUnique({ where: { id: skuId }, include: { versions: { orderBy: { number: "desc" } }, shares: true } });

type Shares = { orgId: string; projectId: string }[];

/** The sharing form's choice: each chosen org with its chosen projects (none: every project). */
const chosenOrgs = (shares: Shares) =>
  [...new Set(shares.map((s) => s.orgId))].map((orgId) => ({
    orgId,
    projectIds: shares.filter((s) => s.orgId === orgId && s.projectId).map((s) => s.projectId),
  }));

/**
 * Everything the SKU Studio shows of one SKU, secrets removed: versions with what each changed, the
 * editor's draft and file, the preview in the chosen language, sharing. Read once per request (the
 * page's title needs it too). Capacity and test launches are fetched by the browser, live.
 */
export const skuStudioPage = perRequest(async (skuId: string, previewLocale: string | undefined, locale: string) => {
  const sku = await loadSku(skuId);
  if (!sku) throw notFound();
  const versions = sku.versions.map(decodeVersion);
  const latest = versions[0]!;
  const [orgs, clusters, preview, choices] = await Promise.all([
    customerOrgs(),
    db().cluster.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    launchFormMessages(previewLocale, locale),
    localeChoices(),
  ]);
  const spec = redactSecrets(latest.spec);
  return {
    sku: { id: sku.id, slug: sku.slug, kind: sku.kind, displayName: latest.spec.basics.displayName },
    versions: versions.map((version, i) => ({
      id: version.id,
      number: version.number,
      state: version.state,
      changes: versions[i + 1]
        ? { from: versions[i + 1]!.number, fields: versionChanges(versions[i + 1]!, version) }
        : null,
    })),
    editor: {
      draftId: latest.id,
      // A saved draft remounts the editors and the preview with what the server now holds.
      revision: createHash("sha256")
        .update(JSON.stringify([latest.id, spec, latest.overrides]))
        .digest("hex"),
      spec,
      overrides: latest.overrides,
      yaml: skuFile(sku, orgs),
      patternMessageKeys: PATTERN_MESSAGE_KEYS,
    },
    preview: {
      version: { id: latest.id, number: latest.number },
      spec: specForBrowser(latest.spec),
      overrides: latest.overrides,
      fields: launchFormFields(openSecrets(latest), latest.overrides),
      messages: { ...preview, choices },
    },
    clusters,
    orgs,
    sharing: { sharedWithAll: sku.sharedWithAll, chosen: chosenOrgs(sku.shares) },
  };
});

export type SkuStudioPage = Awaited<ReturnType<typeof skuStudioPage>>;
