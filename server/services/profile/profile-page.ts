import type { Caller } from "@/server/auth/caller";
import { localeChoices } from "@/server/i18n/locale-choices";

/** The caller's own profile and the languages they may choose. */
export async function profilePage(caller: Caller) {
  return { name: caller.name, email: caller.email, locale: caller.locale ?? "", choices: await localeChoices() };
}

export type ProfilePage = Awaited<ReturnType<typeof profilePage>>;
