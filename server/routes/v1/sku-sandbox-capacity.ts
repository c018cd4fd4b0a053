import { z } from "zod";
import { idSchema } from "@/lib/validation/common";
import { db } from "@/server/db/client";
import { defineRoute } from "@/server/routes/define-route";
import { sandboxCapacityOf } from "@/server/services/deployments/launch-capacity";

/** GET /api/v1/skus/{skuId}/sandbox-capacity: the sandbox's quota and free GPUs for a SKU's latest version. */
export const GET = defineRoute({
  access: "platform-admin",
  input: { params: z.object({ skuId: idSchema }) },
  run: ({ params }) => sandboxCapacityOf(db(), params.skuId),
});
