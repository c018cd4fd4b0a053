"use server";

import { setPlatformDefaultLocaleSchema } from "@/lib/validation/languages";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { setPlatformDefaultLocale as run } from "@/server/services/languages/manage-locales";
import { defineAction } from "../define-action";

export const setPlatformDefaultLocale = defineAction({
  access: "platform-admin",
  input: setPlatformDefaultLocaleSchema,
  run: (input, caller) => run(db(), actorOf(caller), input),
});
