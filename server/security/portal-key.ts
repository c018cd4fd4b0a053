import { config } from "@/server/config";
import { parseKey } from "./secret-box";

/** The key secrets at rest are sealed with, or null when none is configured (`npm start` always sets one). */
export function portalKey(): Buffer | null {
  const key = config().PORTICO_ENCRYPTION_KEY;
  return key ? parseKey(key) : null;
}
