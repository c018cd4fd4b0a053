"use server";

import { saveOverrideSchema } from "@/lib/validation/languages";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { saveOverride as run } from "@/server/services/languages/overrides";
import { defineAction } from "../define-action";

export const saveOverride = defineAction({
  access: "platform-admin",
  input: saveOverrideSchema,
  run: (input, caller) => run(db(), actorOf(caller), input),
});
