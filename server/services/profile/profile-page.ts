import type { Caller } from "@/server/auth/caller";
import { localeChoices } from "@/server/i18n/locale-choices";

/** The caller's own profile, the languages they may choose, and whether they can have API tokens. */
export async function profilePage(caller: Caller) {
  return {
    name: caller.name,
    email: caller.email,
    locale: caller.locale ?? "",
    choices: await localeChoices(),
    // API tokens act in an organization: someone without one has none to make.
    apiTokens: caller.org !== null,
  };
}

export type ProfilePage = Awaited<ReturnType<typeof profilePage>>;
