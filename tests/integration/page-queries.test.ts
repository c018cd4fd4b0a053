// What one page render reads, counted with Prisma's query events: the layout, next-intl's request config,
// generateMetadata and the page all ask for the caller and for the page's data; each is read once per
// request (React's cache in a web request, the same memo inside runAs here).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import type { DatabaseHandle } from "@/server/db/client";
import { createSeededDatabase, type SeededDatabase } from "../support/seeded-database";

let seeded: SeededDatabase;
let counted: DatabaseHandle;
let queries = 0;

beforeAll(async () => {
  seeded = await createSeededDatabase();
  const { openDatabase, useProcessDatabase } = await import("@/server/db/client");
  counted = openDatabase({ url: seeded.url, onQuery: () => void queries++ });
  useProcessDatabase(counted);
  // next-intl's config reads languages from a process cache that checks a stamp every 2 s; with the
  // clock held still it stays warm, so the counts below are the page's own and the same on every run.
  const { i18nState } = await import("@/server/i18n/store");
  await i18nState();
  vi.useFakeTimers({ toFake: ["Date"] });
});

afterAll(async () => {
  vi.useRealTimers();
  await counted?.close();
  await seeded?.close();
});

const userId = async (email: string) => (await seeded.db.user.findUniqueOrThrow({ where: { email } })).id;

/** The reads of one request as a signed-in user: the frame (layout and i18n config) and then `page`. */
async function render(email: string, page: () => Promise<unknown>) {
  const { runAs, getCaller } = await import("@/server/auth/caller");
  const { requirePageAccess } = await import("@/server/auth/page-access");
  const { portalFrame } = await import("@/server/services/shell/portal-frame");
  const id = await userId(email);
  queries = 0;
  await runAs({ userId: id }, async () => {
    await Promise.all([requirePageAccess("signed-in").then(portalFrame), getCaller()]);
    await page();
  });
  return queries;
}

describe("queries per page render", () => {
  it("the portal frame: the caller once, the simulated-cluster badge once", async () => {
    expect(await render(DEMO_ACCOUNTS.alice.email, async () => {})).toBe(2);
  });

  it("the SKU Studio page: metadata and page share one read of the SKU", async () => {
    const { skuStudioPage } = await import("@/server/services/skus/sku-studio-page");
    const { requirePageAccess } = await import("@/server/auth/page-access");
    const sku = await seeded.db.sku.findUniqueOrThrow({ where: { slug: "jupyterlab" } });
    const load = async () => {
      await requirePageAccess("platform-admin");
      return skuStudioPage(sku.id, undefined, "en");
    };
    const count = await render(DEMO_ACCOUNTS.admin.email, async () => {
      await load(); // generateMetadata
      await load(); // the page
    });
    // frame 2 + the SKU with its versions and shares 3 + customer orgs with projects 2 + clusters 1
    expect(count).toBe(8);
  });

  it("the marketplace launch page: metadata and page share one read of the catalog entry", async () => {
    const { launchPage } = await import("@/server/services/deployments/launch-page");
    const { requirePageAccess } = await import("@/server/auth/page-access");
    const sku = await seeded.db.sku.findUniqueOrThrow({ where: { slug: "jupyterlab" } });
    const load = async () => launchPage(await requirePageAccess("member"), sku.id);
    const count = await render(DEMO_ACCOUNTS.alice.email, async () => {
      await load();
      await load();
    });
    // frame 2 + the catalog entry (SKU, published version, this org's shares) 3 + projects 1 + clusters 1
    expect(count).toBe(7);
  });
});
