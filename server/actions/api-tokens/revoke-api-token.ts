"use server";

import { revokeApiTokenSchema } from "@/lib/validation/api-tokens";
import { db } from "@/server/db/client";
import { revokeApiToken as revoke } from "@/server/services/api-tokens/revoke-api-token";
import { defineAction } from "../define-action";

export const revokeApiToken = defineAction({
  access: "member",
  input: revokeApiTokenSchema,
  run: (input, caller) => revoke(db(), caller, input),
});
