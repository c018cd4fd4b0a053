"use server";

import { setSkuSharingSchema } from "@/lib/validation/skus";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { setSharing as run } from "@/server/services/skus/sharing";
import { defineAction } from "../define-action";

export const setSkuSharing = defineAction({
  access: "platform-admin",
  input: setSkuSharingSchema,
  run: (input, caller) => run(db(), actorOf(caller), input),
});
