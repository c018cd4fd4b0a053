import { specForBrowser } from "@/lib/skus/launch-values";
import { launchFormFields } from "@/lib/skus/overrides";
import { perRequest } from "@/server/auth/request-scope";
import type { TenantCaller } from "@/server/authz";
import { db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { catalogEntry } from "@/server/services/skus/catalog";
import { openSecrets } from "@/server/services/skus/secret-values";
import { launchableClusters, launchableProjects } from "./launch-targets";

/**
 * A member's launch page for a SKU shared with their org (anything else does not exist here): the form
 * with this org's prices and no secret values, and where it may launch, by the rules the launch checks.
 * Read once per request (the title needs it too); quota and capacity are fetched by the browser, live.
 */
export const launchPage = perRequest(async (caller: TenantCaller, skuId: string) => {
  const entry = await catalogEntry(db(), caller.org.id, skuId);
  if (!entry) throw notFound();
  const [projects, clusters] = await Promise.all([
    launchableProjects(db(), caller.org.id, entry),
    launchableClusters(db(), entry.spec),
  ]);
  return {
    skuId: entry.skuId,
    displayName: entry.spec.basics.displayName,
    description: entry.spec.basics.description,
    form: {
      spec: specForBrowser(entry.spec, caller.org.id),
      overrides: entry.overrides,
      fields: launchFormFields(openSecrets({ id: entry.versionId, spec: entry.spec }), entry.overrides),
    },
    projects: projects.map(({ id, name }) => ({ id, name })),
    clusters,
  };
});

export type LaunchPage = Awaited<ReturnType<typeof launchPage>>;
