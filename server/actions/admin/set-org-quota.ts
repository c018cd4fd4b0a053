"use server";

import { setOrgQuotaSchema } from "@/lib/validation/organizations";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { setOrgQuota as set } from "@/server/services/quotas/set-quota";
import { defineAction } from "../define-action";

export const setOrgQuota = defineAction({
  access: "platform-admin",
  input: setOrgQuotaSchema,
  run: ({ orgId, ...quota }, caller) => set(db(), actorOf(caller), orgId, quota),
});
