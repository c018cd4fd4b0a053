"use server";

import { saveSkuDraftSchema } from "@/lib/validation/skus";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { saveDraft as run } from "@/server/services/skus/author-sku";
import { defineAction } from "../define-action";

export const saveSkuDraft = defineAction({
  access: "platform-admin",
  input: saveSkuDraftSchema,
  run: (input, caller) => run(db(), actorOf(caller), input),
});
