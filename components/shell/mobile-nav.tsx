"use client";

import { usePathname } from "next/navigation";
import { type ReactNode, useState } from "react";

/** On small screens the navigation folds behind a menu button. */
export function MobileNav({
  children,
  openLabel,
  closeLabel,
  brand,
}: {
  children: ReactNode;
  openLabel: string;
  closeLabel: string;
  brand: string;
}) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  // Following a link from the menu lands on another page: the menu folds again.
  const [shownOn, setShownOn] = useState(pathname);
  if (shownOn !== pathname) {
    setShownOn(pathname);
    setOpen(false);
  }
  return (
    <div className="md:hidden">
      <div className="flex items-center gap-3">
        <button
          type="button"
          aria-expanded={open}
          aria-controls="mobile-nav"
          onClick={() => setOpen((v) => !v)}
          className="rounded-md border border-border px-2 py-1 text-sm"
        >
          {open ? closeLabel : openLabel}
        </button>
        <span className="font-semibold">{brand}</span>
      </div>
      {open && (
        <aside
          id="mobile-nav"
          className="absolute inset-x-0 top-12 z-40 border-b border-border bg-surface shadow-lg"
          onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
        >
          {children}
        </aside>
      )}
    </div>
  );
}
