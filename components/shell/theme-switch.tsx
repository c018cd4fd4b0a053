"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { THEME_COOKIE, THEMES, type Theme } from "@/lib/cookies";

/** Light, dark or the system's choice; applied at once and remembered in a cookie. */
export function ThemeSwitch() {
  const t = useTranslations("shell.theme");
  const [theme, setTheme] = useState<Theme>("system");
  useEffect(() => {
    const current = document.documentElement.dataset.theme as Theme | undefined;
    if (current && THEMES.includes(current)) setTheme(current);
  }, []);
  function choose(next: Theme) {
    setTheme(next);
    document.documentElement.dataset.theme = next;
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser we support
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=${365 * 86400}; samesite=lax`;
  }
  return (
    <label className="flex items-center gap-2">
      <span className="sr-only">{t("label")}</span>
      <select
        className="rounded-md border border-border bg-surface px-2 py-1"
        value={theme}
        onChange={(e) => choose(e.target.value as Theme)}
      >
        {THEMES.map((option) => (
          <option key={option} value={option}>
            {t(option)}
          </option>
        ))}
      </select>
    </label>
  );
}
