"use server";

import { updateMemberRoleSchema } from "@/lib/validation/org-admin";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { updateMemberRole as update } from "@/server/services/members/change-member";
import { defineAction } from "../define-action";

// The organization is the caller's own, from the server: never an id sent by the client.
export const updateMemberRole = defineAction({
  access: "org-admin",
  input: updateMemberRoleSchema,
  run: (input, caller) => update(db(), actorOf(caller), caller.org.id, input),
});
