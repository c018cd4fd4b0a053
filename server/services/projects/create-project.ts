import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { type Actor, diffFields, recordAudit } from "@/server/services/audit/record-audit";

export async function createProject(db: Db, actor: Actor, orgId: string, input: { name: string; slug: string }) {
  return db.$transaction(async (tx) => {
    const taken = await tx.project.findUnique({ where: { orgId_slug: { orgId, slug: input.slug } } });
    if (taken) throw new AppError("conflict", { slug: { key: "taken" } });
    const project = await tx.project.create({ data: { orgId, name: input.name, slug: input.slug } });
    await recordAudit(tx, actor, {
      action: "project.create",
      orgId,
      targetType: "project",
      targetId: project.id,
      changes: diffFields(null, { name: project.name, slug: project.slug }),
    });
    return { id: project.id };
  });
}
