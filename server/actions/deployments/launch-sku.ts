"use server";

import { launchSkuSchema } from "@/lib/validation/deployments";
import { db } from "@/server/db/client";
import { launchSku as run } from "@/server/services/deployments/launch-sku";
import { defineAction } from "../define-action";

export const launchSku = defineAction({
  access: "member",
  input: launchSkuSchema,
  run: async (input, caller) => ({ deploymentId: (await run(db(), caller, input)).deploymentId }),
});
