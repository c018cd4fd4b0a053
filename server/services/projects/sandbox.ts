import type { DbTx } from "@/server/db/client";
import { notFound } from "@/server/errors";

export const SANDBOX_PROJECT = "sandbox";

/** The provider's own project where admins try SKUs before customers can see them (made on first use). */
export async function sandboxProject(tx: DbTx) {
  const provider = await tx.organization.findFirst({ where: { kind: "PROVIDER" }, orderBy: { createdAt: "asc" } });
  if (!provider) throw notFound();
  const project = await tx.project.upsert({
    where: { orgId_slug: { orgId: provider.id, slug: SANDBOX_PROJECT } },
    create: { orgId: provider.id, slug: SANDBOX_PROJECT, name: "Sandbox" },
    update: {},
  });
  return { org: { id: provider.id, slug: provider.slug }, project: { id: project.id, slug: project.slug } };
}
