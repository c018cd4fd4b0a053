"use server";

import { createOrganizationSchema } from "@/lib/validation/organizations";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { createOrganization as create } from "@/server/services/organizations/create-organization";
import { defineAction } from "../define-action";

export const createOrganization = defineAction({
  access: "platform-admin",
  input: createOrganizationSchema,
  run: (input, caller) => create(db(), actorOf(caller), input),
});
