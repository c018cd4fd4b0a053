// Route handlers as Next calls them: a route without dynamic segments gets no params at all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import { closeProcessDatabase, createProcessDatabase, type SeededDatabase } from "../support/seeded-database";

let seeded: SeededDatabase;

beforeAll(async () => {
  seeded = await createProcessDatabase();
});

afterAll(() => closeProcessDatabase(seeded));

const NO_CONTEXT = {};

describe("routes without dynamic segments", () => {
  it("the health check answers", async () => {
    const { runAs } = await import("@/server/auth/caller");
    const { GET } = await import("@/server/routes/health");
    const response = await runAs({ userId: null }, () => GET(new Request("http://localhost/api/health"), NO_CONTEXT));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("a deployment list validates its query, and answers the caller's rows", async () => {
    const { runAs } = await import("@/server/auth/caller");
    const { GET } = await import("@/server/routes/v1/deployments");
    const admin = await seeded.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.admin.email } });
    const sku = await seeded.db.sku.findFirstOrThrow();
    const list = (query: string) =>
      runAs({ userId: admin.id }, () => GET(new Request(`http://localhost/api/v1/deployments?${query}`), NO_CONTEXT));
    const ok = await list(`skuId=${sku.id}&testLaunches=true`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ deployments: [] });
    const bad = await list(`skuId=${sku.id}&testLaunches=yes`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: "validation", fields: { testLaunches: { key: "choice" } } } });
  });
});
