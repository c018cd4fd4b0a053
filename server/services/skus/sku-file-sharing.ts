import type { FileProblem } from "@/lib/errors";
import type { SkuFileSharing } from "@/lib/validation/skus";
import type { DbTx } from "@/server/db/client";
import type { Sharing } from "./sharing";

type Resolved = { ok: true; sharing: Sharing } | { ok: false; problems: FileProblem[] };

/**
 * A file's sharing (orgs and projects by slug) as ids, reading only: every org must be a customer
 * organization and every project one of its own, or it is a problem pointing at its line.
 */
export async function resolveFileSharing(
  db: DbTx,
  sharing: SkuFileSharing,
  lineOf: (path: string) => number,
): Promise<Resolved> {
  const found = await db.organization.findMany({
    where: { slug: { in: sharing.orgs.map((entry) => entry.org) }, kind: "CUSTOMER" },
    select: { id: true, slug: true, projects: { select: { id: true, slug: true } } },
  });
  const bySlug = new Map(found.map((org) => [org.slug, org]));
  const problems: FileProblem[] = [];
  const at = (path: string, key: FileProblem["key"]) => problems.push({ key, path, line: lineOf(path) });
  const orgs = sharing.orgs.map((entry, i) => {
    const org = bySlug.get(entry.org);
    if (!org) at(`sharing.orgs.${i}.org`, "unknownOrg");
    const projectIds = entry.projects.map((slug, j) => {
      const project = org?.projects.find((p) => p.slug === slug);
      if (org && !project) at(`sharing.orgs.${i}.projects.${j}`, "unknownProject");
      return project?.id ?? "";
    });
    return { orgId: org?.id ?? "", projectIds };
  });
  return problems.length
    ? { ok: false, problems }
    : { ok: true, sharing: { sharedWithAll: sharing.sharedWithAll, orgs } };
}
