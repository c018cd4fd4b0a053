import { match } from "@formatjs/intl-localematcher";

export type LocaleSources = {
  profile: string | null | undefined;
  cookie: string | null | undefined;
  acceptLanguage: string | null | undefined;
  orgDefault: string | null | undefined;
  platformDefault: string;
  enabled: readonly string[];
};

/** Parses an Accept-Language header into tags, best first. */
export function parseAcceptLanguage(header: string): string[] {
  return header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter(({ tag, q }) => tag && tag !== "*" && q > 0 && isValidTag(tag))
    .sort((a, b) => b.q - a.q)
    .map(({ tag }) => tag);
}

function isValidTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/**
 * Explicit choices first, then the browser's hint: the user's profile, this browser's cookie,
 * the organization's default (an admin chose it for its members, so it beats a browser header),
 * then Accept-Language, then the platform's default.
 */
export function negotiateLocale(sources: LocaleSources): string {
  const enabled = new Set(sources.enabled);
  for (const explicit of [sources.profile, sources.cookie, sources.orgDefault]) {
    if (explicit && enabled.has(explicit)) return explicit;
  }
  const requested = sources.acceptLanguage ? parseAcceptLanguage(sources.acceptLanguage) : [];
  if (requested.length && sources.enabled.length) {
    const best = match(requested, [...sources.enabled], "\u0000", { algorithm: "best fit" });
    if (enabled.has(best)) return best;
  }
  if (enabled.has(sources.platformDefault)) return sources.platformDefault;
  return sources.enabled[0] ?? sources.platformDefault;
}
