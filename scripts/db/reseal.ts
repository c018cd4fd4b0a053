import { openDatabase } from "@/server/db/client";
import { resealLegacySecrets } from "@/server/db/reseal-legacy-secrets";
import { parseKey } from "@/server/security/secret-box";

/**
 * After the migrations: re-seals values sealed before they were bound to their rows, so they open again
 * (server/db/reseal-legacy-secrets.ts). Without the key nothing can be re-sealed, and such values stay shut.
 */
export async function resealConfiguredDatabase(keyBase64: string | undefined, log: (line: string) => void) {
  if (!keyBase64) {
    log("PORTICO_ENCRYPTION_KEY is not set: values sealed by earlier versions, if any, were not re-sealed");
    return;
  }
  const handle = openDatabase();
  try {
    const count = await resealLegacySecrets(handle.db, parseKey(keyBase64));
    if (count) log(`re-sealed ${count} row(s) of secret values for the rows that hold them`);
  } finally {
    await handle.close();
  }
}
