"use server";

import { createProjectSchema } from "@/lib/validation/org-admin";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { createProject as create } from "@/server/services/projects/create-project";
import { defineAction } from "../define-action";

export const createProject = defineAction({
  access: "org-admin",
  input: createProjectSchema,
  run: (input, caller) => create(db(), actorOf(caller), caller.org.id, input),
});
