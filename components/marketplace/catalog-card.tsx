import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { Badge } from "@/components/ui/layout";
import { MICROS_PER_UNIT, type SkuPrice } from "@/lib/skus/pricing";
import type { CatalogEntry } from "@/server/services/skus/catalog";

/** One launchable thing: what it is, what it runs on, and what it costs this organization. */
export async function CatalogCard({ entry, price }: { entry: CatalogEntry; price: SkuPrice }) {
  const [t, tLaunch, format] = await Promise.all([
    getTranslations("marketplace"),
    getTranslations("launch"),
    getFormatter(),
  ]);
  const { basics, compute } = entry.spec;
  const money = (micros: number) =>
    format.number(micros / MICROS_PER_UNIT, { style: "currency", currency: price.currency });
  const gpu =
    compute.gpu.mode === "none" ? t("noGpu") : t("gpus", { count: compute.gpu.count, model: compute.gpu.model });
  return (
    <article
      aria-labelledby={`sku-${entry.skuId}`}
      className="flex h-full flex-col gap-3 rounded-lg border border-border bg-surface p-5 shadow-sm"
    >
      <header className="flex items-start justify-between gap-2">
        <h2 id={`sku-${entry.skuId}`} className="text-base font-semibold">
          {basics.displayName}
        </h2>
        <Badge>{t(`kinds.${entry.kind as "dev-pod" | "app" | "model"}`)}</Badge>
      </header>
      {basics.description && <p className="text-sm text-fg-muted">{basics.description}</p>}
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-fg-muted">{t("gpu")}</dt>
        <dd>{gpu}</dd>
        <dt className="text-fg-muted">{t("cpuMemory")}</dt>
        <dd>{t("cpuMemoryValue", { cpu: compute.cpu, memory: compute.memoryGiB })}</dd>
      </dl>
      <p className="mt-auto text-sm font-medium" data-testid="price">
        {price.basis === "tokens" && price.tokens
          ? t("pricePerTokens", {
              input: money(price.tokens.perMillionInputMicros),
              output: money(price.tokens.perMillionOutputMicros),
            })
          : t("pricePerHour", { price: money(price.amountMicros) })}
      </p>
      <Link
        href={`/marketplace/${entry.skuId}`}
        className={buttonClass("primary", "self-start")}
        aria-label={tLaunch("launchNamed", { name: basics.displayName })}
      >
        {tLaunch("launchLink")}
      </Link>
    </article>
  );
}
