"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { SkuKind, SkuPricing } from "@/lib/skus/spec";
import { useSpecForm } from "./form-context";
import { NumberInput, Section, TextInput } from "./inputs";

const PR = ["spec", "pricing"] as const;
/** The prices an org override may replace, per basis. */
const ORG_PRICE_FIELDS = {
  flat: ["perHour"],
  perDimension: ["perVcpuHour", "perGiBHour"],
  tokens: ["perMillionInputTokens", "perMillionOutputTokens"],
} as const;

/** A new basis keeps each org's negotiated prices that still mean something under it. */
function pricingFor(basis: SkuPricing["basis"], current: SkuPricing): SkuPricing {
  const fields: readonly string[] = ORG_PRICE_FIELDS[basis];
  const orgOverrides = Object.fromEntries(
    Object.entries(current.orgOverrides as Record<string, Record<string, unknown>>)
      .map(
        ([orgId, prices]) =>
          [orgId, Object.fromEntries(Object.entries(prices).filter(([field]) => fields.includes(field)))] as const,
      )
      .filter(([, prices]) => Object.keys(prices).length > 0),
  );
  const { currency } = current;
  if (basis === "flat") return { basis, currency, perHour: 0, orgOverrides } as SkuPricing;
  if (basis === "tokens")
    return { basis, currency, perMillionInputTokens: 0, perMillionOutputTokens: 0, orgOverrides } as SkuPricing;
  return { basis, currency, perGpuHourByModel: {}, perVcpuHour: 0, perGiBHour: 0, orgOverrides } as SkuPricing;
}

type Orgs = { id: string; name: string }[];

export function PricingSection({ kind, orgs }: { kind: SkuKind; orgs: Orgs }) {
  const t = useTranslations("skuForm");
  const { read, write, errorOf } = useSpecForm();
  const pricing = read(PR) as SkuPricing;
  const bases = kind === "model" ? (["flat", "perDimension", "tokens"] as const) : (["flat", "perDimension"] as const);
  return (
    <Section title={t("sections.pricing")}>
      <SelectField
        label={t("fields.priceBasis")}
        value={pricing.basis}
        options={bases.map((b) => ({ value: b, label: t(`priceBases.${b}`) }))}
        onChange={(e) => write(PR, pricingFor(e.target.value as SkuPricing["basis"], pricing))}
        error={errorOf([...PR, "basis"])}
      />
      <TextInput path={[...PR, "currency"]} label={t("fields.currency")} hint={t("hints.currency")} />
      {pricing.basis === "flat" && <NumberInput path={[...PR, "perHour"]} label={t("fields.perHour")} />}
      {pricing.basis === "tokens" && (
        <>
          <NumberInput path={[...PR, "perMillionInputTokens"]} label={t("fields.perMillionInputTokens")} />
          <NumberInput path={[...PR, "perMillionOutputTokens"]} label={t("fields.perMillionOutputTokens")} />
        </>
      )}
      {pricing.basis === "perDimension" && (
        <>
          <NumberInput path={[...PR, "perVcpuHour"]} label={t("fields.perVcpuHour")} />
          <NumberInput path={[...PR, "perGiBHour"]} label={t("fields.perGiBHour")} />
          <GpuPrices />
        </>
      )}
      <OrgPrices pricing={pricing} orgs={orgs} />
    </Section>
  );
}

/** A record edited as rows; renaming a key keeps its place. */
function useRecordRows(path: readonly (string | number)[]) {
  const { read, write } = useSpecForm();
  const record = (read(path) ?? {}) as Record<string, unknown>;
  const entries = Object.entries(record);
  const put = (next: [string, unknown][]) => write(path, Object.fromEntries(next));
  return {
    entries,
    rename: (index: number, key: string) => put(entries.map((e, i) => (i === index ? [key, e[1]] : e))),
    remove: (index: number) => put(entries.filter((_, i) => i !== index)),
    add: (key: string, value: unknown) => put([...entries, [key, value]]),
  };
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** A row of the GPU price table, with an id of its own: its key is being typed, and may be blank or repeated. */
type PriceRow = { id: number; key: string; price: string };
let lastPriceRowId = 0;
const priceRow = (key: string, price: string): PriceRow => ({ id: ++lastPriceRowId, key, price });

/**
 * The GPU price table as rows kept here, so typing a key never passes through (and merges with) another
 * row's key; the spec gets the table of the rows with a name, the first of a repeated name winning.
 */
function GpuPrices() {
  const t = useTranslations("skuForm");
  const tValidation = useTranslations("validation");
  const path = [...PR, "perGpuHourByModel"] as const;
  const { read, write, errorOf } = useSpecForm();
  const [rows, setRows] = useState(() =>
    Object.entries((read(path) ?? {}) as Record<string, number>).map(([key, price]) => priceRow(key, String(price))),
  );
  const commit = (next: PriceRow[]) => {
    setRows(next);
    const table: Record<string, number | string> = {};
    for (const row of next)
      if (row.key !== "" && !(row.key in table))
        table[row.key] = DECIMAL.test(row.price.trim()) ? Number(row.price) : row.price;
    write(path, table);
  };
  const change = (index: number, patch: Partial<Omit<PriceRow, "id">>) =>
    commit(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const repeated = (index: number) => rows.findIndex((row) => row.key === rows[index]!.key) !== index;
  return (
    <fieldset className="flex min-w-0 flex-col gap-2 sm:col-span-2" aria-label={t("fields.gpuPrices")}>
      <span className="text-sm font-medium">{t("fields.gpuPrices")}</span>
      {rows.map((row, index) => (
        <div key={row.id} className="grid gap-2 sm:grid-cols-[1fr_10rem_auto] sm:items-end">
          <TextField
            label={t("fields.gpuPriceKey")}
            hint={t("hints.gpuPriceKey")}
            value={row.key}
            autoComplete="off"
            onChange={(e) => change(index, { key: e.target.value })}
            error={repeated(index) ? tValidation("duplicate") : errorOf([...path, row.key])}
          />
          <TextField
            label={t("fields.perGpuHour")}
            inputMode="decimal"
            value={row.price}
            autoComplete="off"
            onChange={(e) => change(index, { price: e.target.value })}
            error={repeated(index) ? undefined : errorOf([...path, row.key])}
          />
          <Button
            variant="secondary"
            aria-label={t("removeRow", { list: t("fields.gpuPrices"), number: index + 1 })}
            onClick={() => commit(rows.filter((_, i) => i !== index))}
          >
            {t("remove")}
          </Button>
        </div>
      ))}
      <div>
        <Button variant="secondary" onClick={() => commit([...rows, priceRow("", "0")])}>
          {t("addGpuPrice")}
        </Button>
      </div>
    </fieldset>
  );
}

function OrgPrices({ pricing, orgs }: { pricing: SkuPricing; orgs: Orgs }) {
  const t = useTranslations("skuForm");
  const path = [...PR, "orgOverrides"] as const;
  const rows = useRecordRows(path);
  const free = orgs.filter((org) => !(org.id in pricing.orgOverrides));
  const nameOf = (id: string) => orgs.find((org) => org.id === id)?.name ?? id;
  return (
    <fieldset className="flex min-w-0 flex-col gap-2 sm:col-span-2" aria-label={t("fields.orgPrices")}>
      <span className="text-sm font-medium">{t("fields.orgPrices")}</span>
      <p className="text-xs text-fg-muted">{t("hints.orgPrices")}</p>
      {rows.entries.map(([orgId], index) => (
        <div key={orgId} className="grid gap-2 sm:grid-cols-[1fr_10rem_10rem_auto] sm:items-end">
          <span className="text-sm">{nameOf(orgId)}</span>
          {ORG_PRICE_FIELDS[pricing.basis].map((field) => (
            <NumberInput
              key={field}
              path={[...path, orgId, field]}
              label={t(`fields.${field}`)}
              hint={t("hints.optional")}
            />
          ))}
          <Button
            variant="secondary"
            aria-label={t("removeRow", { list: t("fields.orgPrices"), number: index + 1 })}
            onClick={() => rows.remove(index)}
          >
            {t("remove")}
          </Button>
        </div>
      ))}
      {free.length > 0 && (
        <SelectField
          label={t("addOrgPrice")}
          value=""
          options={[{ value: "", label: t("chooseOrg") }, ...free.map((org) => ({ value: org.id, label: org.name }))]}
          onChange={(e) => e.target.value && rows.add(e.target.value, {})}
        />
      )}
    </fieldset>
  );
}
