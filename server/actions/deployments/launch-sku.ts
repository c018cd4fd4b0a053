"use server";

import { launchSkuSchema } from "@/lib/validation/deployments";
import { db } from "@/server/db/client";
import { kickController } from "@/server/runtime/controllers";
import { launchSku as run } from "@/server/services/deployments/launch-sku";
import { defineAction } from "../define-action";

export const launchSku = defineAction({
  access: "member",
  input: launchSkuSchema,
  run: async (input, caller) => {
    const { deploymentId, clusterId } = await run(db(), caller, input);
    kickController(clusterId);
    return { deploymentId };
  },
});
