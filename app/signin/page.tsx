import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { LocaleChooser } from "@/components/auth/locale-chooser";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCaller } from "@/server/auth/caller";
import { OIDC_PROVIDER_ID } from "@/server/auth/options";
import { oidcConfig } from "@/server/config";
import { localeChoices } from "@/server/i18n/locale-choices";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  if (await getCaller()) redirect("/");
  const [{ error, callbackUrl }, t, locale, choices] = await Promise.all([searchParams, getTranslations("auth"), getLocale(), localeChoices()]);
  const sso = oidcConfig();
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm rounded-xl border border-border bg-surface p-8 shadow-sm">
        <p className="text-sm font-semibold text-accent">{t("brand")}</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-fg-muted">{t("subtitle")}</p>
        <SignInForm
          initialError={error}
          callbackUrl={safeCallback(callbackUrl)}
          sso={sso ? { providerId: OIDC_PROVIDER_ID, name: sso.name } : null}
        />
        <div className="mt-6 border-t border-border pt-4">
          <LocaleChooser current={locale} choices={choices} />
        </div>
      </div>
    </main>
  );
}

/** Only same-site paths: an open redirect would let a link send users elsewhere after sign-in. */
function safeCallback(url: string | undefined): string {
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/";
}
