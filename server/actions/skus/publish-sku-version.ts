"use server";

import { publishSkuVersionSchema } from "@/lib/validation/skus";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { publishVersion as run } from "@/server/services/skus/author-sku";
import { defineAction } from "../define-action";

export const publishSkuVersion = defineAction({
  access: "platform-admin",
  input: publishSkuVersionSchema,
  run: (input, caller) => run(db(), actorOf(caller), input),
});
