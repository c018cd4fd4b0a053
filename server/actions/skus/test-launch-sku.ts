"use server";

import { testLaunchSkuSchema } from "@/lib/validation/skus";
import { db } from "@/server/db/client";
import { kickController } from "@/server/runtime/controllers";
import { testLaunch as run } from "@/server/services/skus/test-launch";
import { actorOf } from "../actor";
import { defineAction } from "../define-action";

export const testLaunchSku = defineAction({
  access: "platform-admin",
  input: testLaunchSkuSchema,
  run: async (input, caller) => {
    const { deploymentId, clusterId } = await run(db(), actorOf(caller), input);
    kickController(clusterId);
    return { deploymentId };
  },
});
