import type { ValidationKey } from "@/lib/errors";
import en from "@/messages/en.json";

/**
 * Messages a pattern override may show when a value does not match: validation messages that need no
 * values (a pattern has none to give). Keys of the shipped catalog, so every language has them.
 */
export const PATTERN_MESSAGE_KEYS = (Object.entries(en.validation) as [ValidationKey, string][])
  .filter(([, message]) => !message.includes("{"))
  .map(([key]) => key);

const PATTERN_KEYS = new Set<string>(PATTERN_MESSAGE_KEYS);

export const isPatternMessageKey = (key: string): key is ValidationKey => PATTERN_KEYS.has(key);
