import { db } from "@/server/db/client";
import { defineRoute } from "@/server/routes/define-route";
import { exportSkuYaml } from "@/server/services/skus/sku-yaml";

export const dynamic = "force-dynamic";

/** GET /api/v1/skus/{skuId}/yaml: the SKU as a file, for GitOps. */
export const GET = defineRoute("platform-admin", async (_request, _caller, context) => {
  const { skuId } = await context.params;
  return new Response(await exportSkuYaml(db(), String(skuId)), { headers: { "Content-Type": "application/yaml; charset=utf-8" } });
});
