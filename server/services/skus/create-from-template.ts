import { DOCKER_IMAGE_TEMPLATE, specFromDockerRun, templateById, templateSpec } from "@/lib/skus/templates";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/services/audit/record-audit";
import { createSku } from "./author-sku";

/** A new draft SKU from a template, or from a pasted image reference or `docker run` line. */
export async function createSkuFromTemplate(
  db: Db,
  actor: Actor,
  input: { slug: string; templateId: string; dockerRun?: string },
) {
  if (input.templateId === DOCKER_IMAGE_TEMPLATE) {
    const parsed = specFromDockerRun(input.dockerRun ?? "");
    if (!parsed.ok)
      throw new AppError(
        "validation",
        Object.fromEntries(Object.entries(parsed.fields).map(([, error]) => ["dockerRun", error])),
      );
    const spec = { ...parsed.spec, basics: { ...parsed.spec.basics, name: input.slug } };
    return createSku(db, actor, { slug: input.slug, spec, overrides: [] });
  }
  const template = templateById(input.templateId);
  if (!template) throw new AppError("validation", { templateId: { key: "choice" } });
  const spec = templateSpec(template);
  return createSku(db, actor, {
    slug: input.slug,
    spec: { ...spec, basics: { ...spec.basics, name: input.slug } },
    overrides: template.overrides,
  });
}
