"use server";

import { addMemberSchema } from "@/lib/validation/organizations";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { addMember as add } from "@/server/services/members/add-member";
import { defineAction } from "../define-action";

export const addMember = defineAction({
  access: "platform-admin",
  input: addMemberSchema,
  run: (input, caller) => add(db(), actorOf(caller), input),
});
