import type { DbTx } from "@/server/db/client";

export async function listOrganizations(db: DbTx) {
  const orgs = await db.organization.findMany({
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    include: { _count: { select: { memberships: true, projects: true } }, quotas: true },
  });
  return orgs.map((org) => ({
    id: org.id,
    slug: org.slug,
    name: org.name,
    kind: org.kind,
    createdAt: org.createdAt,
    members: org._count.memberships,
    projects: org._count.projects,
    gpuQuota: org.quotas.reduce((sum, quota) => sum + quota.maxGpus, 0),
  }));
}
