import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { isEnabledLocale } from "@/server/i18n/locales";

export async function updateProfile(db: Db, userId: string, input: { name: string; locale: string }) {
  const locale = input.locale === "" ? null : input.locale;
  if (locale && !(await isEnabledLocale(locale))) throw new AppError("validation", { locale: { key: "locale" } });
  await db.user.update({ where: { id: userId }, data: { name: input.name, locale } });
  return { locale };
}
