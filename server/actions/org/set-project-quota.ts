"use server";

import { setProjectQuotaSchema } from "@/lib/validation/org-admin";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { setProjectQuota as set } from "@/server/services/quotas/set-quota";
import { defineAction } from "../define-action";

export const setProjectQuota = defineAction({
  access: "org-admin",
  input: setProjectQuotaSchema,
  run: (input, caller) => set(db(), actorOf(caller), caller.org.id, input),
});
