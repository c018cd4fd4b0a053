/**
 * Applies prisma/migrations/<timestamp>_<name>/migration.sql the way `prisma migrate deploy` does,
 * without the native schema engine the Prisma CLI downloads. It keeps Prisma's bookkeeping
 * (`_prisma_migrations`, sha256 checksums, the same advisory lock), so the Prisma CLI accepts the
 * same folder and database wherever it can run.
 *
 * Differences from Prisma, on purpose: each migration runs in one transaction together with its
 * bookkeeping row, so a failed migration leaves neither changes nor a failed row behind (a
 * migration therefore must not contain statements PostgreSQL refuses inside a transaction, such
 * as CREATE INDEX CONCURRENTLY); and edited or missing migrations stop the run instead of being
 * ignored.
 */
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

/** The little a migrator needs from a PostgreSQL session. Both calls must use the same session. */
export type SqlRunner = {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs one or more statements without parameters (simple query protocol). */
  exec(sql: string): Promise<void>;
};

export function sqlRunnerForPg(client: pg.Client | pg.PoolClient): SqlRunner {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      const result = await client.query(sql, params);
      return result.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

export function sqlRunnerForPglite(db: PGlite): SqlRunner {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      const result = await db.query<T>(sql, params);
      return result.rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

export type Migration = {
  /** Folder name, e.g. `20250101120000_init`; also the `migration_name` Prisma records. */
  name: string;
  sql: string;
  /** sha256 hex of migration.sql, as Prisma records it. */
  checksum: string;
};

type ApplyOptions = {
  /** Defaults to prisma/migrations under the working directory. */
  dir?: string;
  log?: (line: string) => void;
};

/** Prisma Migrate's own advisory lock key, so this migrator and the Prisma CLI also exclude each other. */
const MIGRATION_LOCK_KEY = 72707369;

// Same columns and types as the table the Prisma schema engine creates on PostgreSQL.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

/** The columns of a `_prisma_migrations` row that decide what is pending. */
type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | string | null };

export function defaultMigrationsDir(): string {
  return path.resolve("prisma", "migrations");
}

function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

/** Prisma also accepts the file with its line endings flipped, so a Windows checkout is not "edited". */
function matchesChecksum(sql: string, checksum: string): boolean {
  const variants = [sql, sql.replaceAll("\r\n", "\n"), sql.replaceAll("\n", "\r\n")];
  return variants.some((variant) => migrationChecksum(variant) === checksum);
}

/** Every migration folder in name order (Prisma's order); a folder without migration.sql is an error. */
export async function readMigrations(dir: string = defaultMigrationsDir()): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    if (isNotFound(error)) return [];
    throw error;
  });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  names.sort();
  return Promise.all(names.map((name) => readMigration(dir, name)));
}

async function readMigration(dir: string, name: string): Promise<Migration> {
  const file = path.join(dir, name, "migration.sql");
  const sql = await readFile(file, "utf8").catch((error: unknown) => {
    throw new Error(`Migration folder ${name} has no readable migration.sql (${file}).`, { cause: error });
  });
  return { name, sql, checksum: migrationChecksum(sql) };
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}

/**
 * Applies every pending migration, each in its own transaction, under a session advisory lock so
 * that replicas starting together take turns. Needs a direct session: a transaction-mode
 * connection pooler (PgBouncer) does not keep session locks.
 */
export async function applyMigrations(runner: SqlRunner, options: ApplyOptions = {}): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => {});
  const migrations = await readMigrations(options.dir ?? defaultMigrationsDir());
  await runner.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
  try {
    await ensureMigrationsTable(runner);
    const pending = pendingMigrations(migrations, await readAppliedRows(runner));
    const applied: string[] = [];
    for (const migration of pending) {
      await applyOne(runner, migration);
      log(`Applied ${migration.name}`);
      applied.push(migration.name);
    }
    return { applied };
  } finally {
    await runner.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
  }
}

async function ensureMigrationsTable(runner: SqlRunner): Promise<void> {
  const [row] = await runner.query<{ found: string | null }>("SELECT to_regclass('_prisma_migrations')::text AS found");
  if (!row?.found) await runner.exec(CREATE_MIGRATIONS_TABLE);
}

/** Rows marked rolled back are history only, as for Prisma. */
function readAppliedRows(runner: SqlRunner): Promise<AppliedRow[]> {
  return runner.query<AppliedRow>(
    "SELECT migration_name, checksum, finished_at FROM _prisma_migrations " +
      "WHERE rolled_back_at IS NULL ORDER BY started_at",
  );
}

/** The migrations still to apply, after refusing any state in which applying more would be unsafe. */
function pendingMigrations(migrations: Migration[], rows: AppliedRow[]): Migration[] {
  const byName = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const row of rows) {
    const local = byName.get(row.migration_name);
    if (row.finished_at === null) throw failedMigrationError(row.migration_name);
    if (!local) throw missingMigrationError(row.migration_name);
    if (!matchesChecksum(local.sql, row.checksum)) throw editedMigrationError(row.migration_name);
  }
  const done = new Set(rows.map((row) => row.migration_name));
  return migrations.filter((migration) => !done.has(migration.name));
}

function failedMigrationError(name: string): Error {
  return new Error(
    `Migration ${name} is recorded as started but never finished (finished_at is null). ` +
      `Repair the database, then mark it with \`prisma migrate resolve --rolled-back ${name}\` ` +
      `(or --applied) before migrating again.`,
  );
}

function missingMigrationError(name: string): Error {
  return new Error(
    `Migration ${name} is applied to the database but missing from the migrations folder. ` +
      `Restore it (was it deleted or renamed?) before migrating.`,
  );
}

function editedMigrationError(name: string): Error {
  return new Error(
    `Migration ${name} was modified after it was applied (its checksum no longer matches). ` +
      `Revert the edit and put the change in a new migration.`,
  );
}

/** Runs one migration and records it like Prisma does (one step, started/finished times), atomically. */
async function applyOne(runner: SqlRunner, migration: Migration): Promise<void> {
  const id = randomUUID();
  await runner.exec("BEGIN");
  try {
    await runner.query(
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) " +
        "VALUES ($1, $2, $3, clock_timestamp())",
      [id, migration.checksum, migration.name],
    );
    await runner.exec(migration.sql);
    await runner.query(
      "UPDATE _prisma_migrations SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1",
      [id],
    );
    await runner.exec("COMMIT");
  } catch (error) {
    // If even ROLLBACK fails the session is gone; the original error is the one worth reporting.
    await runner.exec("ROLLBACK").catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${reason}`, { cause: error });
  }
}
