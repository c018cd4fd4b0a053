import { z } from "zod";
import { idSchema } from "@/lib/validation/common";
import { db } from "@/server/db/client";
import { defineRoute } from "@/server/routes/define-route";
import { exportSkuYaml } from "@/server/services/skus/sku-yaml";

/** GET /api/v1/skus/{skuId}/yaml: the SKU as a file, for GitOps. */
export const GET = defineRoute({
  access: "platform-admin",
  input: { params: z.object({ skuId: idSchema }) },
  run: async ({ params }) =>
    new Response(await exportSkuYaml(db(), params.skuId), {
      headers: { "Content-Type": "application/yaml; charset=utf-8" },
    }),
});
