"use server";

import { createUserSchema } from "@/lib/validation/organizations";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { createUser as create } from "@/server/services/members/create-user";
import { defineAction } from "../define-action";

export const createUser = defineAction({
  access: "platform-admin",
  input: createUserSchema,
  run: (input, caller) => create(db(), actorOf(caller), input),
});
