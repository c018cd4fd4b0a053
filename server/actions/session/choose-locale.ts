"use server";

import { chooseLocaleSchema } from "@/lib/validation/profile";
import { AppError } from "@/server/errors";
import { rememberLocale } from "@/server/i18n/locale-cookie";
import { isEnabledLocale } from "@/server/i18n/locales";
import { defineAction } from "../define-action";

/** Language for this browser before signing in (e.g. on the sign-in page). */
export const chooseLocale = defineAction({
  access: "public",
  input: chooseLocaleSchema,
  run: async ({ locale }) => {
    if (!(await isEnabledLocale(locale))) throw new AppError("validation", { locale: { key: "locale" } });
    await rememberLocale(locale);
    return { locale };
  },
});
