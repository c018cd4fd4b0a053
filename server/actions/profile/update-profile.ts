"use server";

import { cookies } from "next/headers";
import { LOCALE_COOKIE } from "@/lib/cookies";
import { updateProfileSchema } from "@/lib/validation/profile";
import { db } from "@/server/db/client";
import { updateProfile as update } from "@/server/services/profile/update-profile";
import { defineAction } from "../define-action";

export const updateProfile = defineAction({
  access: "signed-in",
  input: updateProfileSchema,
  run: async (input, caller) => {
    const result = await update(db(), caller.userId, input);
    // The profile wins on every device; the cookie only makes this browser switch at once.
    const jar = await cookies();
    if (result.locale) jar.set(LOCALE_COOKIE, result.locale, { path: "/", sameSite: "lax", maxAge: 365 * 86400 });
    else jar.delete(LOCALE_COOKIE);
    return result;
  },
});
