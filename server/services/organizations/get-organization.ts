import { roleOf } from "@/server/auth/caller";
import type { DbTx } from "@/server/db/client";
import { notFound } from "@/server/errors";

/** An organization with its members, projects and quotas. Callers pass an org they may see. */
export async function getOrganization(db: DbTx, orgId: string) {
  const org = await db.organization.findUnique({
    where: { id: orgId },
    include: {
      memberships: { include: { user: true }, orderBy: { createdAt: "asc" } },
      projects: { include: { quotas: { orderBy: { gpuModel: "asc" } } }, orderBy: { name: "asc" } },
      quotas: { orderBy: { gpuModel: "asc" } },
    },
  });
  if (!org) throw notFound();
  return {
    id: org.id,
    slug: org.slug,
    name: org.name,
    kind: org.kind,
    defaultLocale: org.defaultLocale,
    members: org.memberships.map((m) => ({
      membershipId: m.id,
      userId: m.userId,
      email: m.user.email,
      name: m.user.name,
      role: roleOf(m.role),
      since: m.createdAt,
    })),
    projects: org.projects.map((p) => ({
      id: p.id,
      slug: p.slug,
      name: p.name,
      quotas: p.quotas.map((q) => ({ gpuModel: q.gpuModel, maxGpus: q.maxGpus })),
    })),
    quotas: org.quotas.map((q) => ({ gpuModel: q.gpuModel, maxGpus: q.maxGpus })),
  };
}
export type OrganizationDetail = Awaited<ReturnType<typeof getOrganization>>;
