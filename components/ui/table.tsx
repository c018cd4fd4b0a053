import type { ReactNode } from "react";

/**
 * A plain, responsive data table: scrolls sideways on narrow screens instead of squeezing. The scrolling
 * region is focusable and named, so keyboard users can scroll it too.
 */
export function Table({ caption, headers, children }: { caption: string; headers: string[]; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to be scrolled by keyboard
    <section aria-label={caption} tabIndex={0} className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full text-start text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-surface-muted text-xs uppercase tracking-wide text-fg-muted">
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col" className="px-4 py-2 text-start font-medium">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-border">{children}</tbody>
      </table>
    </section>
  );
}

export function Cell({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <td className={`px-4 py-2 align-middle ${className}`}>{children}</td>;
}
