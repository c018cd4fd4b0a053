"use server";

import { createSkuFromTemplateSchema } from "@/lib/validation/skus";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { createSkuFromTemplate as create } from "@/server/services/skus/create-from-template";
import { defineAction } from "../define-action";

export const createSkuFromTemplate = defineAction({
  access: "platform-admin",
  input: createSkuFromTemplateSchema,
  run: (input, caller) => create(db(), actorOf(caller), input),
});
