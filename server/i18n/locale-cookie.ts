import { cookies } from "next/headers";
import { LOCALE_COOKIE } from "@/lib/cookies";

/** This browser's language choice, kept for a year; null forgets it. */
export async function rememberLocale(locale: string | null): Promise<void> {
  const jar = await cookies();
  if (locale) jar.set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 365 * 86400 });
  else jar.delete(LOCALE_COOKIE);
}
