import { getLocale, getTranslations } from "next-intl/server";
import type { SignInPage } from "@/server/services/auth/sign-in-page";
import { LocaleChooser } from "./locale-chooser";
import { SignInForm } from "./sign-in-form";

export async function SignInView({ page }: { page: SignInPage }) {
  const [t, locale] = await Promise.all([getTranslations("auth"), getLocale()]);
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm rounded-xl border border-border bg-surface p-8 shadow-sm">
        <p className="text-sm font-semibold text-accent">{t("brand")}</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-fg-muted">{t("subtitle")}</p>
        <SignInForm initialError={page.error} callbackUrl={page.callbackUrl} sso={page.sso} />
        <div className="mt-6 border-t border-border pt-4">
          <LocaleChooser current={locale} choices={page.choices} />
        </div>
      </div>
    </main>
  );
}
