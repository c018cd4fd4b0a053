"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { Path } from "@/lib/skus/edit-path";
import { useSpecForm } from "./form-context";

type Props<T> = {
  path: Path;
  /** Names the list for screen readers and its add button. */
  label: string;
  addLabel: string;
  newItem: () => T;
  renderItem: (index: number) => ReactNode;
  max?: number;
};

/** Rows of one list in the spec (ports, variables, volumes, overrides), each with move and remove. */
export function ListEditor<T>({ path, label, addLabel, newItem, renderItem, max = 64 }: Props<T>) {
  const t = useTranslations("skuForm");
  const { read, write, errorOf } = useSpecForm();
  const items = (read(path) as T[] | undefined) ?? [];
  const move = (from: number, to: number) => {
    const next = [...items];
    next.splice(to, 0, ...next.splice(from, 1));
    write(path, next);
  };
  const listError = errorOf(path);
  return (
    <fieldset className="flex min-w-0 flex-col gap-2 sm:col-span-2" aria-label={label}>
      <span className="text-sm font-medium">{label}</span>
      {items.map((_, index) => (
        <fieldset
          // biome-ignore lint/suspicious/noArrayIndexKey: a row is a place in the spec's list; inputs bind by index
          key={index}
          className="flex min-w-0 flex-col gap-2 rounded-md bg-surface-muted p-3 sm:flex-row sm:items-end"
          aria-label={t("row", { list: label, number: index + 1 })}
        >
          <div className="grid flex-1 gap-2 md:grid-cols-2 2xl:grid-cols-3">{renderItem(index)}</div>
          <div className="flex gap-1">
            <Button
              variant="secondary"
              disabled={index === 0}
              aria-label={t("moveUp", { number: index + 1 })}
              onClick={() => move(index, index - 1)}
            >
              {t("up")}
            </Button>
            <Button
              variant="secondary"
              disabled={index === items.length - 1}
              aria-label={t("moveDown", { number: index + 1 })}
              onClick={() => move(index, index + 1)}
            >
              {t("down")}
            </Button>
            <Button
              variant="secondary"
              aria-label={t("removeRow", { list: label, number: index + 1 })}
              onClick={() =>
                write(
                  path,
                  items.filter((__, i) => i !== index),
                )
              }
            >
              {t("remove")}
            </Button>
          </div>
        </fieldset>
      ))}
      {listError && <p className="text-xs text-danger">{listError}</p>}
      <div>
        <Button variant="secondary" disabled={items.length >= max} onClick={() => write(path, [...items, newItem()])}>
          {addLabel}
        </Button>
      </div>
    </fieldset>
  );
}
