"use server";

import { removeMemberSchema } from "@/lib/validation/org-admin";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { removeMember as remove } from "@/server/services/members/change-member";
import { defineAction } from "../define-action";

export const removeMember = defineAction({
  access: "org-admin",
  input: removeMemberSchema,
  run: (input, caller) => remove(db(), actorOf(caller), caller.org.id, input),
});
