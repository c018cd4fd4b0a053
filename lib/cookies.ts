// Cookie names shared by server and client code.
export const LOCALE_COOKIE = "portico-locale";
export const THEME_COOKIE = "portico-theme";
export const ACTIVE_ORG_COOKIE = "portico-org";

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
