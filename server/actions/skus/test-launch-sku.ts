"use server";

import { testLaunchSkuSchema } from "@/lib/validation/skus";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { testLaunch as run } from "@/server/services/skus/test-launch";
import { defineAction } from "../define-action";

export const testLaunchSku = defineAction({
  access: "platform-admin",
  input: testLaunchSkuSchema,
  run: async (input, caller) => ({ deploymentId: (await run(db(), actorOf(caller), input)).deploymentId }),
});
