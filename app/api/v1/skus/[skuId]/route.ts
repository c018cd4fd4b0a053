import { db } from "@/server/db/client";
import { defineRoute } from "@/server/routes/define-route";
import { getSku } from "@/server/services/skus/list-skus";

export const dynamic = "force-dynamic";

/** GET /api/v1/skus/{skuId}: the SKU with its latest version. */
export const GET = defineRoute("platform-admin", async (_request, _caller, context) => {
  const { skuId } = await context.params;
  return Response.json(await getSku(db(), String(skuId)));
});
