"use server";

import { createApiTokenSchema } from "@/lib/validation/api-tokens";
import { db } from "@/server/db/client";
import { createApiToken as create } from "@/server/services/api-tokens/create-api-token";
import { defineAction } from "../define-action";

// The token acts in the caller's org, from the session; its scope is checked against their role there.
// The secret is in this answer only.
export const createApiToken = defineAction({
  access: "member",
  input: createApiTokenSchema,
  run: (input, caller) => create(db(), caller, input),
});
