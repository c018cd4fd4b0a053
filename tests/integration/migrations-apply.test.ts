/**
 * applyMigrations on real PostgreSQL and on PGlite: idempotence, Prisma-compatible bookkeeping
 * (checked by Prisma's own schema engine), refusal of unsafe histories, and on PostgreSQL the
 * advisory lock that keeps concurrent replicas from both migrating.
 */
import { createHash } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import {
  applyMigrations,
  defaultMigrationsDir,
  type SqlRunner,
  sqlRunnerForPg,
  sqlRunnerForPglite,
} from "../../server/db/migrations.ts";
import { diagnoseMigrationHistory, type SqlMigrationAwareDriverAdapterFactory } from "../../server/db/schema-engine.ts";
import { createTestDatabase, type TestDatabase } from "../support/postgres.ts";

/** What each database under test provides to the shared cases. */
type Target = {
  runner(): SqlRunner;
  adapterFactory(): SqlMigrationAwareDriverAdapterFactory;
};

type MigrationRow = {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
};

const SOURCE_DIR = defaultMigrationsDir();

async function migrationNames(dir = SOURCE_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function firstMigration(dir = SOURCE_DIR): Promise<string> {
  const [first] = await migrationNames(dir);
  if (!first) throw new Error(`No migrations in ${dir}`);
  return first;
}

/** A scratch copy of prisma/migrations that a test may edit. */
async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "portico-migrations-"));
  await cp(SOURCE_DIR, dir, { recursive: true });
  return dir;
}

const RESET_SCHEMA = "DROP SCHEMA public CASCADE; CREATE SCHEMA public;";

function defineSharedCases(target: Target): void {
  const scratchDirs: string[] = [];

  async function scratchMigrations(): Promise<string> {
    const dir = await copyOfMigrations();
    scratchDirs.push(dir);
    return dir;
  }

  beforeEach(async () => {
    await target.runner().exec(RESET_SCHEMA);
  });

  afterEach(async () => {
    await Promise.all(scratchDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("applies every migration once, and nothing on the second run", async () => {
    const names = await migrationNames();
    expect(names.length).toBeGreaterThan(0);
    expect(await applyMigrations(target.runner())).toEqual({ applied: names });
    expect(await applyMigrations(target.runner())).toEqual({ applied: [] });
  });

  it("records each migration as Prisma does, with the sha256 of its file", async () => {
    await applyMigrations(target.runner());
    const rows = await target.runner().query<MigrationRow>("SELECT * FROM _prisma_migrations ORDER BY migration_name");
    const expected = await Promise.all(
      (await migrationNames()).map(async (name) => {
        const file = await readFile(path.join(SOURCE_DIR, name, "migration.sql"));
        return { migration_name: name, checksum: createHash("sha256").update(file).digest("hex") };
      }),
    );
    expect(rows.map(({ migration_name, checksum }) => ({ migration_name, checksum }))).toEqual(expected);
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("leaves a history that Prisma's schema engine finds clean and up to date", async () => {
    await applyMigrations(target.runner());
    expect(await diagnoseMigrationHistory(target.adapterFactory())).toEqual({
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: true,
      history: null,
    });
  });

  it("refuses to run when an applied migration's file was edited", async () => {
    const dir = await scratchMigrations();
    await applyMigrations(target.runner(), { dir });
    const first = await firstMigration(dir);
    await appendFile(path.join(dir, first, "migration.sql"), "\n-- edited afterwards\n");
    await expect(applyMigrations(target.runner(), { dir })).rejects.toThrow(
      `Migration ${first} was modified after it was applied`,
    );
  });

  it("accepts the same file with Windows line endings, as Prisma does", async () => {
    const dir = await scratchMigrations();
    await applyMigrations(target.runner(), { dir });
    const file = path.join(dir, await firstMigration(dir), "migration.sql");
    await writeFile(file, (await readFile(file, "utf8")).replaceAll("\n", "\r\n"));
    await expect(applyMigrations(target.runner(), { dir })).resolves.toEqual({ applied: [] });
  });

  it("refuses to run when an applied migration is missing from the folder", async () => {
    const dir = await scratchMigrations();
    await applyMigrations(target.runner(), { dir });
    const first = await firstMigration(dir);
    await rm(path.join(dir, first), { recursive: true });
    await expect(applyMigrations(target.runner(), { dir })).rejects.toThrow(
      `Migration ${first} is applied to the database but missing from the migrations folder`,
    );
  });

  it("refuses to run after a migration that never finished", async () => {
    await applyMigrations(target.runner());
    const first = await firstMigration();
    await target.runner().query("UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = $1", [first]);
    await expect(applyMigrations(target.runner())).rejects.toThrow(
      `Migration ${first} is recorded as started but never finished`,
    );
  });

  it("rolls a failing migration back entirely and records nothing for it", async () => {
    const dir = await scratchMigrations();
    const broken = "99991231235959_broken";
    await mkdir(path.join(dir, broken));
    await writeFile(path.join(dir, broken, "migration.sql"), 'CREATE TABLE "HalfDone" (id INT);\nSELECT 1 / 0;\n');
    await expect(applyMigrations(target.runner(), { dir })).rejects.toThrow(
      `Migration ${broken} failed and was rolled back`,
    );
    const [table] = await target
      .runner()
      .query<{ found: string | null }>(`SELECT to_regclass('"HalfDone"')::text AS found`);
    expect(table?.found).toBeNull();
    const rows = await target
      .runner()
      .query<MigrationRow>("SELECT * FROM _prisma_migrations WHERE migration_name = $1", [broken]);
    expect(rows).toEqual([]);
    // The migrations before it stay applied, so fixing the file and rerunning is enough.
    await rm(path.join(dir, broken), { recursive: true });
    expect(await applyMigrations(target.runner(), { dir })).toEqual({ applied: [] });
  });
}

describe("applyMigrations on PostgreSQL", () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let client: pg.PoolClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
    client = await pool.connect();
  });

  afterAll(async () => {
    client?.release();
    await pool?.end();
    await database?.drop();
  });

  defineSharedCases({
    runner: () => sqlRunnerForPg(client),
    adapterFactory: () => new PrismaPg(pool),
  });

  /** Runs `use` on a session of its own, as a separate replica would have. */
  async function onOwnSession<T>(use: (session: pg.PoolClient) => Promise<T>): Promise<T> {
    const session = await pool.connect();
    try {
      return await use(session);
    } finally {
      session.release();
    }
  }

  it("lets only one of two replicas starting at once apply the migrations", async () => {
    const names = await migrationNames();
    const results = await Promise.all([
      onOwnSession((session) => applyMigrations(sqlRunnerForPg(session))),
      onOwnSession((session) => applyMigrations(sqlRunnerForPg(session))),
    ]);
    expect(results.map((result) => result.applied).sort()).toEqual([[], names]);
    const [count] = await sqlRunnerForPg(client).query<{ n: number }>(
      "SELECT count(*)::int AS n FROM _prisma_migrations",
    );
    expect(count?.n).toBe(names.length);
  });

  it("waits while another session holds Prisma's migration lock", async () => {
    await client.query("SELECT pg_advisory_lock(72707369)");
    let settled = false;
    const run = onOwnSession((session) => applyMigrations(sqlRunnerForPg(session))).finally(() => {
      settled = true;
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(settled).toBe(false);
      const [table] = await sqlRunnerForPg(client).query<{ found: string | null }>(
        "SELECT to_regclass('_prisma_migrations')::text AS found",
      );
      expect(table?.found).toBeNull();
    } finally {
      await client.query("SELECT pg_advisory_unlock(72707369)");
    }
    expect((await run).applied).toEqual(await migrationNames());
  });
});

describe("applyMigrations on PGlite", () => {
  let db: PGlite;

  beforeAll(async () => {
    db = await PGlite.create();
  });

  afterAll(async () => {
    await db?.close();
  });

  defineSharedCases({
    runner: () => sqlRunnerForPglite(db),
    adapterFactory: () => new PrismaPGlite(db),
  });
});
