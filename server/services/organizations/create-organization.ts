import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { type Actor, diffFields, recordAudit } from "@/server/services/audit/record-audit";

export async function createOrganization(db: Db, actor: Actor, input: { name: string; slug: string }) {
  return db.$transaction(async (tx) => {
    if (await tx.organization.findUnique({ where: { slug: input.slug } })) {
      throw new AppError("conflict", { slug: { key: "taken" } });
    }
    const org = await tx.organization.create({ data: { name: input.name, slug: input.slug, kind: "CUSTOMER" } });
    await recordAudit(tx, actor, {
      action: "org.create",
      orgId: org.id,
      targetType: "organization",
      targetId: org.id,
      changes: diffFields(null, { name: org.name, slug: org.slug }),
    });
    return { id: org.id };
  });
}
