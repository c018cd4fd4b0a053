"use server";

import { setOrgDefaultLocaleSchema } from "@/lib/validation/languages";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { setOrgDefaultLocale as run } from "@/server/services/languages/manage-locales";
import { defineAction } from "../define-action";

export const setOrgDefaultLocale = defineAction({
  access: "platform-admin",
  input: setOrgDefaultLocaleSchema,
  run: (input, caller) => run(db(), actorOf(caller), input),
});
