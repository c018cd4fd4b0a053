import { z } from "zod";
import { idSchema } from "@/lib/validation/common";
import { db } from "@/server/db/client";
import { defineRoute } from "@/server/routes/define-route";
import { getSku } from "@/server/services/skus/list-skus";

/** GET /api/v1/skus/{skuId}: the SKU with its latest version. */
export const GET = defineRoute({
  access: "platform-admin",
  input: { params: z.object({ skuId: idSchema }) },
  run: ({ params }) => getSku(db(), params.skuId),
});
