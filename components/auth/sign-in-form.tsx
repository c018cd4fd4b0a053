"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/layout";

const KNOWN_ERRORS = [
  "invalid_credentials",
  "rate_limited",
  "sso_unknown_user",
  "sso_unverified_email",
  "sso_disabled_user",
] as const;
type SignInError = (typeof KNOWN_ERRORS)[number] | "internal";

const asSignInError = (code: string | null | undefined): SignInError | null =>
  !code ? null : (KNOWN_ERRORS as readonly string[]).includes(code) ? (code as SignInError) : "internal";

type Props = { initialError?: string; callbackUrl: string; sso: { providerId: string; name: string } | null };

export function SignInForm({ initialError, callbackUrl, sso }: Props) {
  const t = useTranslations("auth");
  const [error, setError] = useState<SignInError | null>(asSignInError(initialError));
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    }).catch(() => ({ ok: false, error: "internal" }));
    if (result?.ok && !result.error) {
      // A full navigation, so the new session and language apply everywhere at once.
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError(asSignInError(result?.error ?? "internal"));
  }

  return (
    <div className="mt-6 flex flex-col gap-4">
      {error && <Alert tone="danger">{t(`errors.${error}`)}</Alert>}
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <TextField label={t("email")} name="email" type="email" autoComplete="username" required />
        <TextField label={t("password")} name="password" type="password" autoComplete="current-password" required />
        <Button type="submit" pending={pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
      </form>
      {sso && (
        <Button variant="secondary" onClick={() => signIn(sso.providerId, { callbackUrl })}>
          {t("sso", { provider: sso.name })}
        </Button>
      )}
    </div>
  );
}
