import en from "@/messages/en.json";

/**
 * Messages a pattern override may show when a value does not match: validation messages that need no
 * values (a pattern has none to give). Keys of the shipped catalog, so every language has them.
 */
export const PATTERN_MESSAGE_KEYS: readonly string[] = Object.entries(en.validation)
  .filter(([, message]) => !message.includes("{"))
  .map(([key]) => key);
