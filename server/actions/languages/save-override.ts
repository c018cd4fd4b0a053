"use server";

import { saveOverrideSchema } from "@/lib/validation/languages";
import { db } from "@/server/db/client";
import { saveOverride as run } from "@/server/services/languages/overrides";
import { actorOf } from "@/server/services/audit/record-audit";
import { defineAction } from "../define-action";

export const saveOverride = defineAction({
  access: "platform-admin",
  input: saveOverrideSchema,
  run: (input, caller) => run(db(), actorOf(caller), input),
});
