import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { type DemoSignIn, seedDemo } from "@/prisma/seed";
import { config } from "@/server/config";
import { openDatabase } from "@/server/db/client";
import { applyMigrations, sqlRunnerForPg, sqlRunnerForPglite } from "@/server/db/migrations";

/** Migrates the configured database (PostgreSQL or the embedded PGlite) and returns what it applied. */
export async function migrateConfiguredDatabase(log: (line: string) => void): Promise<string[]> {
  const { DATABASE_URL, pgliteDir } = config();
  if (DATABASE_URL) {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      return (await applyMigrations(sqlRunnerForPg(client), { log })).applied;
    } finally {
      await client.end();
    }
  }
  fs.mkdirSync(path.dirname(pgliteDir), { recursive: true });
  const pglite = new PGlite(pgliteDir);
  try {
    return (await applyMigrations(sqlRunnerForPglite(pglite), { log })).applied;
  } finally {
    await pglite.close();
  }
}

/**
 * The demo tenants and their sign-ins are for the embedded default. A PostgreSQL installation (DATABASE_URL)
 * is someone's real one: seeded only when PORTICO_SEED=1 asks; its first admin comes from admin:create.
 */
export function shouldSeedDemo(env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.PORTICO_SEED === "0") return false;
  return !env.DATABASE_URL || env.PORTICO_SEED === "1";
}

const signInsFile = () => path.resolve(config().PORTICO_DATA_DIR, "demo-sign-ins.json");

/** Seeds the demo tenants on first start and keeps their sign-ins beside the data (mode 600). */
export async function seedDemoData(): Promise<DemoSignIn[]> {
  const handle = openDatabase();
  try {
    const created = await seedDemo(handle.db);
    if (created) {
      fs.mkdirSync(path.dirname(signInsFile()), { recursive: true });
      fs.writeFileSync(signInsFile(), JSON.stringify(created, null, 2), { mode: 0o600 });
    }
  } finally {
    await handle.close();
  }
  return fs.existsSync(signInsFile()) ? (JSON.parse(fs.readFileSync(signInsFile(), "utf8")) as DemoSignIn[]) : [];
}
