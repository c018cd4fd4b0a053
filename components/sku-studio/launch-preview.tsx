import { getFormatter, getTranslations } from "next-intl/server";
import { launchFormFields, type SkuOverride } from "@/lib/skus/overrides";
import { hourlyPrice, MICROS_PER_UNIT } from "@/lib/skus/pricing";
import type { SkuSpec } from "@/lib/skus/spec";

/** The launch form users will get for this version, with its defaults and bounds, and the price. */
export async function LaunchPreview({ spec, overrides }: { spec: SkuSpec; overrides: SkuOverride[] }) {
  const [t, format] = await Promise.all([getTranslations("skuStudio"), getFormatter()]);
  const fields = launchFormFields(spec, overrides);
  const price = hourlyPrice(spec);
  const money = (micros: number) => format.number(micros / MICROS_PER_UNIT, { style: "currency", currency: price.currency });
  return (
    <div className="flex flex-col gap-4 text-sm">
      {fields.length === 0 ? (
        <p className="text-fg-muted">{t("noOverrides")}</p>
      ) : (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
          {fields.map((field) => (
            <div key={field.path} className="contents">
              <dt><code className="text-xs">{field.path}</code></dt>
              <dd>
                {field.control === "range" && t("range", { min: field.min ?? 0, max: field.max ?? 0, step: field.step ?? 1, value: String(field.default ?? "") })}
                {field.control === "choices" && t("choices", { choices: (field.choices ?? []).join(", "), value: String(field.default ?? "") })}
                {field.control === "pattern" && t("pattern", { value: field.secret ? "••••" : String(field.default ?? "") })}
                {field.condition && <span className="block text-xs text-fg-muted">{t("condition", { field: field.condition.field, value: String(field.condition.equals) })}</span>}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p className="font-medium" data-testid="preview-price">
        {price.basis === "tokens" && price.tokens
          ? t("pricePerTokens", { input: money(price.tokens.perMillionInputMicros), output: money(price.tokens.perMillionOutputMicros) })
          : t("pricePerHour", { price: money(price.amountMicros) })}
      </p>
    </div>
  );
}
