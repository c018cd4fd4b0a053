"use server";

import { importCatalogSchema } from "@/lib/validation/languages";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { importCatalog as run } from "@/server/services/languages/import-catalog";
import { defineAction } from "../define-action";

export const importCatalog = defineAction({
  access: "platform-admin",
  input: importCatalogSchema,
  run: (input, caller) => run(db(), actorOf(caller), input),
});
