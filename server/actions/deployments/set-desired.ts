"use server";

import { setDesiredSchema } from "@/lib/validation/deployments";
import { db } from "@/server/db/client";
import { setDesired as run } from "@/server/services/deployments/set-desired";
import { defineAction } from "../define-action";

/** Stop a deployment (volumes kept) or start it again. */
export const setDeploymentDesired = defineAction({
  access: "member",
  input: setDesiredSchema,
  run: async (input, caller) => ({ changed: (await run(db(), caller, input)).changed }),
});
