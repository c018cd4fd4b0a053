"use server";

import { saveSkuYamlSchema } from "@/lib/validation/skus";
import { db } from "@/server/db/client";
import { AppError, notFound } from "@/server/errors";
import { actorOf } from "@/server/services/audit/record-audit";
import { importSkuYaml, parseSkuYaml, type YamlProblem } from "@/server/services/skus/sku-yaml";
import { defineAction } from "../define-action";

/** Saves a SKU's draft from the studio's YAML editor; the file must keep the SKU's slug. */
export const saveSkuYaml = defineAction({
  access: "platform-admin",
  input: saveSkuYamlSchema,
  run: async ({ skuId, yaml }, caller): Promise<{ problems: YamlProblem[] }> => {
    const sku = await db().sku.findUnique({ where: { id: skuId } });
    if (!sku) throw notFound();
    const parsed = parseSkuYaml(yaml);
    if (!parsed.ok) return { problems: parsed.problems };
    if (parsed.value.slug !== sku.slug) throw new AppError("validation", { yaml: { key: "slugChange" } });
    const result = await importSkuYaml(db(), actorOf(caller), yaml);
    return { problems: result.ok ? [] : result.problems };
  },
});
