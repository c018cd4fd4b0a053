import type { Catalog } from "./messages";
import { catalogFor } from "./messages";
import { i18nState } from "./store";

/** The namespaces the launch form speaks. */
const LAUNCH_NAMESPACES = ["launch", "validation"] as const;

/**
 * The launch form's messages in another language (with the admins' overrides), so the SKU Studio can show
 * exactly what a user of that language will get. Unknown or disabled languages fall back to `fallback`.
 */
export async function launchFormMessages(
  requested: string | undefined,
  fallback: string,
): Promise<{ locale: string; messages: Catalog }> {
  const state = await i18nState();
  const locale = requested && state.enabled.includes(requested) ? requested : fallback;
  const catalog = await catalogFor(locale, [state.defaultLocale], state.overrides);
  return { locale, messages: Object.fromEntries(LAUNCH_NAMESPACES.map((ns) => [ns, catalog[ns] ?? {}])) as Catalog };
}
