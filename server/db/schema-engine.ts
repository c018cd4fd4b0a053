/**
 * Thin wrapper over `@prisma/schema-engine-wasm`, the Prisma schema engine compiled to
 * WebAssembly. The Prisma CLI runs a native engine that it downloads first; this one ships in the
 * npm package and reaches the database through a Prisma driver adapter instead.
 *
 * It is an internal Prisma API (versioned apart from Prisma, no stability promise): the version is
 * pinned in package.json and the tests in tests/integration/migrations-*.test.ts call everything
 * used here, so an upgrade that changes it fails there first. In this version `diff`,
 * `diagnoseMigrationHistory` and `applyMigrations` work through an adapter, while
 * `createMigration` and `evaluateDataLoss` refuse ("shadow DB must be provided through an
 * external factory"); hence migrations are generated from `diff`.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type {
  DiagnoseMigrationHistoryOutput,
  MigrationList,
  SchemaEngine,
  SchemaFilter,
  SchemasContainer,
} from "@prisma/schema-engine-wasm/schema_engine_bg";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";

import { defaultMigrationsDir, readMigrations } from "./migrations.ts";

export type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
export type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

let engineClass: Promise<typeof bindings.SchemaEngine> | undefined;

/**
 * The package entry does `import * as wasm from "./schema_engine_bg.wasm"`, which Node rejects
 * ("Unknown file extension .wasm"). So do what that entry does by hand, once per process:
 * instantiate the .wasm next to the JS bindings and hand its exports to them.
 */
function loadEngineClass(): Promise<typeof bindings.SchemaEngine> {
  engineClass ??= (async () => {
    const bindingsFile = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(bindingsFile), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings.SchemaEngine;
  })();
  return engineClass;
}

/**
 * Starts an engine on a migration-aware adapter factory: `new PrismaPGlite(db)` from
 * pglite-prisma-adapter, or `new PrismaPg(pool)` from @prisma/adapter-pg. The engine wants adapter
 * methods that return Result objects instead of throwing, which is what
 * `bindMigrationAwareSqlAdapterFactory` wraps them into. Call `free()` on the engine when done; the
 * adapter's own resources (PGlite instance, pg pool) stay the caller's to close.
 */
async function startSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  log: (line: string) => void = () => {},
): Promise<SchemaEngine> {
  const Engine = await loadEngineClass();
  return Engine.new({ datamodels: undefined }, log, bindMigrationAwareSqlAdapterFactory(adapterFactory));
}

async function withEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const engine = await startSchemaEngine(adapterFactory);
  try {
    return await run(engine);
  } finally {
    engine.free();
  }
}

/** The engine takes named schema files; the name only appears in its error messages. */
function schemaFiles(schemaText: string, fileName = "schema.prisma"): SchemasContainer {
  return { files: [{ path: fileName, content: schemaText }] };
}

/**
 * The SQL script that brings the database behind `adapterFactory` to `schemaText`, in the format
 * Prisma writes to migration.sql; "" when they already match. The database side is read through
 * the adapter (`schemaDatasource`), and `_prisma_migrations` is ignored, as in Prisma.
 */
export function diffDatabaseToSchema(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  schemaText: string,
): Promise<string> {
  return withEngine(adapterFactory, async (engine) => {
    const schema = schemaFiles(schemaText);
    const result = await engine.diff({
      from: { tag: "schemaDatasource", configDir: process.cwd(), ...schema },
      to: { tag: "schemaDatamodel", ...schema },
      script: true,
      // With exitCode set, 0 means "no difference"; the script is then only an "empty migration" comment.
      exitCode: true,
      filters: NO_FILTER,
    });
    return result.exitCode === 0 ? "" : (result.stdout ?? "");
  });
}

/** The migrations folder as the engine expects it (the Prisma CLI builds the same list). */
async function readMigrationsList(dir: string = defaultMigrationsDir()): Promise<MigrationList> {
  const migrations = await readMigrations(dir);
  const lockfilePath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: await readFile(lockfilePath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: migrations.map((migration) => ({
      path: migration.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: migration.sql } },
    })),
  };
}

/**
 * Prisma's own verdict on the database's migration history against the folder (what
 * `prisma migrate status` reports): edited, failed and unapplied migrations. Read-only.
 */
export function diagnoseMigrationHistory(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  dir: string = defaultMigrationsDir(),
): Promise<DiagnoseMigrationHistoryOutput> {
  return withEngine(adapterFactory, async (engine) =>
    engine.diagnoseMigrationHistory({
      migrationsList: await readMigrationsList(dir),
      optInToShadowDatabase: false,
      filters: NO_FILTER,
    }),
  );
}
