import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/layout";
import type { PortalFrame } from "@/server/services/shell/portal-frame";
import { MobileNav } from "./mobile-nav";
import { NavLinks } from "./nav-links";
import { UserMenu } from "./user-menu";

/** The signed-in frame: navigation filtered by role, the caller's org, and the content. */
export async function AppShell({ frame, children }: { frame: PortalFrame; children: ReactNode }) {
  const [t, tShell] = await Promise.all([getTranslations("nav"), getTranslations("shell")]);
  const sections = frame.sections.map((section) => ({
    title: t(`sections.${section.title}`),
    items: section.items.map((item) => ({ href: item.href, label: t(`items.${item.label}`) })),
  }));

  const nav = <NavLinks sections={sections} label={t("label")} />;
  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <a
        href="#main"
        className={[
          "sr-only focus:not-sr-only",
          "focus:absolute focus:start-2 focus:top-2 focus:z-50",
          "focus:rounded focus:bg-surface focus:px-3 focus:py-2",
        ].join(" ")}
      >
        {t("skipToContent")}
      </a>
      <aside className="hidden w-60 shrink-0 border-e border-border bg-surface md:flex md:flex-col">
        <div className="px-5 py-4 text-lg font-semibold tracking-tight">{t("brand")}</div>
        {nav}
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-between gap-3 border-b border-border bg-surface px-4 py-2">
          <MobileNav openLabel={t("openMenu")} closeLabel={t("closeMenu")} brand={t("brand")}>
            {nav}
          </MobileNav>
          {frame.simulated && (
            <span title={tShell("simulatedHint")} data-testid="simulated-badge">
              <Badge tone="warning">{tShell("simulatedBadge")}</Badge>
            </span>
          )}
          <div className="ms-auto">
            <UserMenu {...frame.user} />
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
