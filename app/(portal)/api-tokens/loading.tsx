import { getTranslations } from "next-intl/server";

/** Shown while the token list is read. */
export default async function Loading() {
  const t = await getTranslations("apiTokens");
  return (
    <p role="status" className="text-sm text-fg-muted">
      {t("loading")}
    </p>
  );
}
