"use server";

import { deleteDeploymentSchema } from "@/lib/validation/deployments";
import { db } from "@/server/db/client";
import { kickController } from "@/server/runtime/controllers";
import { deleteDeployment as run } from "@/server/services/deployments/delete-deployment";
import { defineAction } from "../define-action";

export const deleteDeployment = defineAction({
  access: "member",
  input: deleteDeploymentSchema,
  run: async (input, caller) => {
    const { changed, clusterId } = await run(db(), caller, input);
    kickController(clusterId);
    return { changed };
  },
});
