"use server";

import { setLocaleEnabledSchema } from "@/lib/validation/languages";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { setLocaleEnabled as run } from "@/server/services/languages/manage-locales";
import { defineAction } from "../define-action";

export const setLocaleEnabled = defineAction({
  access: "platform-admin",
  input: setLocaleEnabledSchema,
  run: (input, caller) => run(db(), actorOf(caller), input),
});
