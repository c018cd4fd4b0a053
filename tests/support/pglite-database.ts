/**
 * The PGlite twin of seeded-database.ts: an in-memory embedded PostgreSQL with every migration
 * applied and the demo tenants seeded, wrapped in the app's Prisma client.
 */
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { type DemoSignIn, seedDemo } from "@/prisma/seed";
import type { Db } from "@/server/db/client";
import { PrismaClient } from "@/server/db/generated/client";
import { applyMigrations, sqlRunnerForPglite } from "@/server/db/migrations";

export type SeededPglite = { db: Db; signIns: DemoSignIn[]; close(): Promise<void> };

export async function createSeededPglite(): Promise<SeededPglite> {
  const pglite = new PGlite();
  await applyMigrations(sqlRunnerForPglite(pglite));
  const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const signIns = (await seedDemo(db)) ?? [];
  return {
    db,
    signIns,
    async close() {
      await db.$disconnect();
      // The adapter does not close PGlite itself.
      await pglite.close();
    },
  };
}
