"use server";

import { setSandboxQuotaSchema } from "@/lib/validation/organizations";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { setSandboxQuota as set } from "@/server/services/quotas/set-sandbox-quota";
import { defineAction } from "../define-action";

export const setSandboxQuota = defineAction({
  access: "platform-admin",
  input: setSandboxQuotaSchema,
  run: (input, caller) => set(db(), actorOf(caller), input),
});
