"use server";

import { createSkuSchema } from "@/lib/validation/skus";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { createSku as run } from "@/server/services/skus/author-sku";
import { defineAction } from "../define-action";

export const createSku = defineAction({
  access: "platform-admin",
  input: createSkuSchema,
  run: (input, caller) => run(db(), actorOf(caller), input),
});
