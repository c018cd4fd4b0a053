"use server";

import { archiveSkuSchema } from "@/lib/validation/skus";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { archiveSku as run } from "@/server/services/skus/author-sku";
import { defineAction } from "../define-action";

export const archiveSku = defineAction({
  access: "platform-admin",
  input: archiveSkuSchema,
  run: (input, caller) => run(db(), actorOf(caller), input),
});
