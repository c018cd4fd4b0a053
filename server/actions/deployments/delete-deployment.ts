"use server";

import { deleteDeploymentSchema } from "@/lib/validation/deployments";
import { db } from "@/server/db/client";
import { deleteDeployment as run } from "@/server/services/deployments/delete-deployment";
import { defineAction } from "../define-action";

export const deleteDeployment = defineAction({
  access: "member",
  input: deleteDeploymentSchema,
  run: async (input, caller) => ({ changed: (await run(db(), caller, input)).changed }),
});
