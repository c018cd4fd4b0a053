import { z } from "zod";
import { idSchema } from "@/lib/validation/common";
import { db } from "@/server/db/client";
import { defineRoute } from "@/server/routes/define-route";
import { launchCapacityOf } from "@/server/services/deployments/launch-capacity";

/** GET /api/v1/skus/{skuId}/launch-capacity: quotas of the caller's org and projects, and free GPUs, for a SKU. */
export const GET = defineRoute({
  access: "member",
  input: { params: z.object({ skuId: idSchema }) },
  run: ({ params }, caller) => launchCapacityOf(db(), caller, params.skuId),
});
