"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

type Section = { title: string; items: { href: string; label: string }[] };

export function NavLinks({ sections, label }: { sections: Section[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="flex flex-col gap-5 px-3 py-2">
      {sections.map((section) => (
        <div key={section.title}>
          <h2 className="px-2 pb-1 text-xs font-semibold uppercase tracking-wide text-fg-muted">{section.title}</h2>
          <ul className="flex flex-col gap-0.5">
            {section.items.map((item) => {
              const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={current ? "page" : undefined}
                    className={[
                      "block rounded-md px-2 py-1.5 text-sm hover:bg-surface-muted",
                      "aria-[current=page]:bg-accent/10",
                      "aria-[current=page]:font-medium aria-[current=page]:text-accent",
                    ].join(" ")}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
