/**
 * `npm run db:migrate`: applies pending migrations from prisma/migrations to PostgreSQL at
 * DATABASE_URL, or, when it is unset, to the embedded PGlite database in $PORTICO_DATA_DIR/pglite
 * (./.data/pglite by default).
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

import { applyMigrations, sqlRunnerForPg, sqlRunnerForPglite } from "../../server/db/migrations.ts";
import { resealConfiguredDatabase } from "./reseal.ts";

// The app's own location for it (server/config.ts): $PORTICO_DATA_DIR/pglite, by default ./.data/pglite.
const PGLITE_DIR = path.resolve(process.env.PORTICO_DATA_DIR ?? ".data", "pglite");

async function migratePostgres(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { applied } = await applyMigrations(sqlRunnerForPg(client), { log: console.log });
    return applied;
  } finally {
    await client.end();
  }
}

async function migratePglite(dataDir: string): Promise<string[]> {
  await mkdir(path.dirname(dataDir), { recursive: true });
  const db = await PGlite.create(dataDir);
  try {
    const { applied } = await applyMigrations(sqlRunnerForPglite(db), { log: console.log });
    return applied;
  } finally {
    // Without an explicit close PGlite may not flush to disk, and the process does not exit.
    await db.close();
  }
}

/** Host and database only: the URL may carry a password. */
function describePostgres(url: string): string {
  const parsed = URL.parse(url);
  return parsed ? `PostgreSQL (${parsed.host}${parsed.pathname})` : "PostgreSQL (DATABASE_URL)";
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  console.log(`Migrating ${url ? describePostgres(url) : `PGlite (${PGLITE_DIR})`}`);
  const applied = url ? await migratePostgres(url) : await migratePglite(PGLITE_DIR);
  console.log(applied.length ? `Applied ${applied.length} migration(s).` : "No pending migrations.");
  await resealConfiguredDatabase(process.env.PORTICO_ENCRYPTION_KEY || undefined, console.log);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
