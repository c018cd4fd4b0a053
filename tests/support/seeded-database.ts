import pg from "pg";
import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import { type DemoSignIn, seedDemo } from "@/prisma/seed";
import { type Db, openDatabase, db as processDb } from "@/server/db/client";
import { applyMigrations, sqlRunnerForPg } from "@/server/db/migrations";
import { createTestDatabase } from "./postgres";

export type SeededDatabase = { url: string; db: Db; signIns: DemoSignIn[]; close(): Promise<void> };

/** A fresh PostgreSQL database with every migration applied. */
export async function createMigratedDatabase() {
  const database = await createTestDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await applyMigrations(sqlRunnerForPg(client));
  } finally {
    await client.end();
  }
  return database;
}

/** A fresh PostgreSQL database with every migration applied and the demo tenants seeded. */
export async function createSeededDatabase(): Promise<SeededDatabase> {
  const database = await createMigratedDatabase();
  const handle = openDatabase({ url: database.url });
  const signIns = (await seedDemo(handle.db)) ?? [];
  return {
    url: database.url,
    db: handle.db,
    signIns,
    async close() {
      await handle.close();
      await database.drop();
    },
  };
}

/**
 * A seeded database that the process-wide client (`db()`) opens too, through DATABASE_URL: for code
 * that reads through it, such as loadCaller, server actions and route handlers.
 */
export async function createProcessDatabase(): Promise<SeededDatabase> {
  const seeded = await createSeededDatabase();
  process.env.DATABASE_URL = seeded.url;
  return seeded;
}

/** Disconnects the process-wide client, then drops the database (nothing if it was never made). */
export async function closeProcessDatabase(seeded: SeededDatabase | undefined) {
  if (!seeded) return;
  await processDb().$disconnect();
  await seeded.close();
}

/** Ids of demo records by natural key, for building test inputs. */
export async function demoIds(db: Db) {
  const org = (slug: string) => db.organization.findUniqueOrThrow({ where: { slug } });
  const user = (email: string) => db.user.findUniqueOrThrow({ where: { email } });
  const [acme, globex, bob, grace] = await Promise.all([
    org("acme"),
    org("globex"),
    user(DEMO_ACCOUNTS.bob.email),
    user(DEMO_ACCOUNTS.grace.email),
  ]);
  const bobAtAcme = await db.membership.findUniqueOrThrow({
    where: { userId_orgId: { userId: bob.id, orgId: acme.id } },
  });
  const acmeResearch = await db.project.findUniqueOrThrow({
    where: { orgId_slug: { orgId: acme.id, slug: "research" } },
  });
  return { acme, globex, bob, grace, bobAtAcme, acmeResearch };
}
