"use client";

import { useTranslations } from "next-intl";
import { type KeyboardEvent, type ReactNode, useCallback, useId, useState } from "react";
import { type EditorView, UnsavedContext } from "./unsaved";

const TABS = ["form", "yaml"] as const;
type Tab = (typeof TABS)[number];

/** The spec as a form or as its YAML file: two views of one draft (WAI-ARIA tabs, arrow keys move). */
export function EditorTabs({ form, yaml }: { form: ReactNode; yaml: ReactNode }) {
  const t = useTranslations("skuStudio");
  const id = useId();
  const [active, setActive] = useState<Tab>("form");
  const [unsaved, setUnsaved] = useState<Record<EditorView, boolean>>({ form: false, yaml: false });
  const report = useCallback(
    (view: EditorView, value: boolean) =>
      setUnsaved((current) => (current[view] === value ? current : { ...current, [view]: value })),
    [],
  );
  const other = (tab: Tab): Tab => (tab === "form" ? "yaml" : "form");
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    const next = TABS[(TABS.indexOf(active) + 1) % TABS.length]!;
    setActive(next);
    document.getElementById(`${id}-${next}-tab`)?.focus();
  };
  return (
    <UnsavedContext.Provider value={report}>
      <div className="flex flex-col gap-4">
        <div
          role="tablist"
          aria-label={t("editorViews")}
          className="flex gap-2 border-b border-border"
          onKeyDown={onKeyDown}
        >
          {TABS.map((tab) => (
            <button
              key={tab}
              id={`${id}-${tab}-tab`}
              type="button"
              role="tab"
              aria-selected={active === tab}
              aria-controls={`${id}-${tab}-panel`}
              tabIndex={active === tab ? 0 : -1}
              onClick={() => setActive(tab)}
              className={[
                "-mb-px border-b-2 px-3 py-2 text-sm",
                active === tab ? "border-accent font-semibold text-fg" : "border-transparent text-fg-muted",
              ].join(" ")}
            >
              {t(`editorTabs.${tab}`)}
              {unsaved[tab] && <span className="ms-1 text-warning">{t("unsavedMark")}</span>}
            </button>
          ))}
        </div>
        {TABS.map((tab) => (
          <div
            key={tab}
            id={`${id}-${tab}-panel`}
            role="tabpanel"
            aria-labelledby={`${id}-${tab}-tab`}
            hidden={active !== tab}
          >
            {/* The views are separate copies of the saved draft: say so when the other one has unsaved edits. */}
            {unsaved[other(tab)] && (
              <p className="mb-3 rounded-md bg-warning-surface px-3 py-2 text-sm text-warning">
                {t(`unsavedIn.${other(tab)}`)}
              </p>
            )}
            {tab === "form" ? form : yaml}
          </div>
        ))}
      </div>
    </UnsavedContext.Provider>
  );
}
