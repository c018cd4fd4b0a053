import pg from "pg";
import { openDatabase, type Db } from "@/server/db/client";
import { applyMigrations, sqlRunnerForPg } from "@/server/db/migrations";
import { seedDemo, type DemoSignIn } from "@/prisma/seed";
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

/** Ids of demo records by natural key, for building test inputs. */
export async function demoIds(db: Db) {
  const org = (slug: string) => db.organization.findUniqueOrThrow({ where: { slug } });
  const user = (email: string) => db.user.findUniqueOrThrow({ where: { email } });
  const [acme, globex, bob, grace] = await Promise.all([org("acme"), org("globex"), user("bob@acme.example"), user("grace@globex.example")]);
  const bobAtAcme = await db.membership.findUniqueOrThrow({ where: { userId_orgId: { userId: bob.id, orgId: acme.id } } });
  const acmeResearch = await db.project.findUniqueOrThrow({ where: { orgId_slug: { orgId: acme.id, slug: "research" } } });
  return { acme, globex, bob, grace, bobAtAcme, acmeResearch };
}
