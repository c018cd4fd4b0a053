/**
 * The migrations folder must produce exactly prisma/schema.prisma. If this fails after a schema
 * edit, run `npm run db:migration:new -- <name>` and commit the new migration.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { warningsHeader } from "../../scripts/db/new-migration.ts";
import { applyMigrations, sqlRunnerForPglite } from "../../server/db/migrations.ts";
import { diffDatabaseToSchema } from "../../server/db/schema-engine.ts";

/** Inserts an optional field at the top of the schema's first model. */
function withExtraField(schema: string): string {
  const changed = schema.replace(/^(model \w+ \{)$/m, "$1\n  driftProbe String?");
  if (changed === schema) throw new Error("No model found in prisma/schema.prisma");
  return changed;
}

describe("prisma/migrations against prisma/schema.prisma", () => {
  let db: PGlite;
  let schema: string;

  beforeAll(async () => {
    db = await PGlite.create();
    await applyMigrations(sqlRunnerForPglite(db));
    schema = await readFile(path.resolve("prisma", "schema.prisma"), "utf8");
  });

  afterAll(async () => {
    await db?.close();
  });

  it("replaying every migration yields exactly the schema", async () => {
    const missing = await diffDatabaseToSchema(new PrismaPGlite(db), schema);
    expect(missing, "schema.prisma has changes without a migration (npm run db:migration:new -- <name>)").toBe("");
  });

  it("reports a field that is in the schema but in no migration", async () => {
    const missing = await diffDatabaseToSchema(new PrismaPGlite(db), withExtraField(schema));
    expect(missing).toMatch(/^-- AlterTable\nALTER TABLE "\w+" ADD COLUMN\s+"driftProbe" TEXT;/m);
  });
});

describe("warnings header of a new migration", () => {
  const datasource = 'datasource db {\n  provider = "postgresql"\n}\n';
  const before = `${datasource}
model Author {
  id    Int    @id
  name  String
  email String
}
model Draft {
  id Int @id
}`;
  const after = `${datasource}
model Author {
  id     Int    @id
  email  String @unique
  handle String
}`;
  let db: PGlite;

  beforeAll(async () => {
    db = await PGlite.create();
    await db.exec(await diffDatabaseToSchema(new PrismaPGlite(db), before));
  });

  afterAll(async () => {
    await db?.close();
  });

  it("lists destructive steps in Prisma's wording", async () => {
    const script = await diffDatabaseToSchema(new PrismaPGlite(db), after);
    expect(warningsHeader(script)).toBe(
      [
        "/*",
        "  Warnings:",
        "",
        "  - You are about to drop the column `name` on the `Author` table. All the data in the column will be lost.",
        "  - You are about to drop the `Draft` table. " +
          "If the table is not empty, all the data it contains will be lost.",
        "  - A unique constraint covering the columns `[email]` on the table `Author` will be added. " +
          "If there are existing duplicate values, this will fail.",
        "  - Added the required column `handle` to the `Author` table without a default value. " +
          "This is not possible if the table is not empty.",
        "",
        "*/",
        "",
      ].join("\n"),
    );
  });

  it("stays empty for purely additive changes", async () => {
    const additive = before.replace("model Draft {", "model Note {\n  id Int @id\n}\nmodel Draft {");
    expect(warningsHeader(await diffDatabaseToSchema(new PrismaPGlite(db), additive))).toBe("");
  });
});
