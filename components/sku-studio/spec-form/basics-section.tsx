"use client";

import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui/field";
import { SKU_CATEGORIES, SKU_ICONS } from "@/lib/skus/spec";
import { useSpecForm } from "./form-context";
import { Section, SelectInput, TextInput } from "./inputs";

export function BasicsSection() {
  const t = useTranslations("skuForm");
  const { read, write, errorOf } = useSpecForm();
  const tags = (read(["spec", "basics", "tags"]) as string[] | undefined) ?? [];
  return (
    <Section title={t("sections.basics")}>
      <TextInput path={["spec", "basics", "displayName"]} label={t("fields.displayName")} />
      <TextInput path={["spec", "basics", "name"]} label={t("fields.name")} hint={t("hints.name")} />
      <TextInput path={["spec", "basics", "description"]} label={t("fields.description")} className="sm:col-span-2" />
      <SelectInput
        path={["spec", "basics", "icon"]}
        label={t("fields.icon")}
        options={SKU_ICONS.map((icon) => ({ value: icon, label: t(`icons.${icon}`) }))}
      />
      <SelectInput
        path={["spec", "basics", "category"]}
        label={t("fields.category")}
        options={SKU_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
      />
      <TextField
        label={t("fields.tags")}
        hint={t("hints.tags")}
        value={tags.join(", ")}
        error={
          errorOf(["spec", "basics", "tags"]) ??
          tags.map((_, i) => errorOf(["spec", "basics", "tags", i])).find(Boolean)
        }
        onChange={(e) =>
          write(
            ["spec", "basics", "tags"],
            e.target.value
              .split(",")
              .map((tag) => tag.trim())
              .filter(Boolean),
          )
        }
        autoComplete="off"
      />
    </Section>
  );
}
