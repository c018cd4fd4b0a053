"use server";

import { updateProfileSchema } from "@/lib/validation/profile";
import { db } from "@/server/db/client";
import { rememberLocale } from "@/server/i18n/locale-cookie";
import { updateProfile as update } from "@/server/services/profile/update-profile";
import { defineAction } from "../define-action";

export const updateProfile = defineAction({
  access: "signed-in",
  input: updateProfileSchema,
  run: async (input, caller) => {
    const result = await update(db(), caller.userId, input);
    // The profile wins on every device; the cookie only makes this browser switch at once.
    await rememberLocale(result.locale);
    return result;
  },
});
