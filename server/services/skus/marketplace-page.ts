import { hourlyPrice } from "@/lib/skus/pricing";
import type { TenantCaller } from "@/server/authz";
import { db } from "@/server/db/client";
import { listCatalog } from "./catalog";

/** Exactly what is shared with the caller's organization, each with its price for that org. */
export async function marketplacePage(caller: TenantCaller) {
  const catalog = await listCatalog(db(), caller.org.id);
  return { cards: catalog.map((entry) => ({ entry, price: hourlyPrice(entry.spec, {}, caller.org.id) })) };
}

export type MarketplacePage = Awaited<ReturnType<typeof marketplacePage>>;
