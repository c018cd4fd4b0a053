"use server";

import { addLocaleSchema } from "@/lib/validation/languages";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { addLocale as run } from "@/server/services/languages/manage-locales";
import { defineAction } from "../define-action";

export const addLocale = defineAction({
  access: "platform-admin",
  input: addLocaleSchema,
  run: (input, caller) => run(db(), actorOf(caller), input),
});
