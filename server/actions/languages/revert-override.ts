"use server";

import { revertOverrideSchema } from "@/lib/validation/languages";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { revertOverride as run } from "@/server/services/languages/overrides";
import { defineAction } from "../define-action";

export const revertOverride = defineAction({
  access: "platform-admin",
  input: revertOverrideSchema,
  run: (input, caller) => run(db(), actorOf(caller), input),
});
