/**
 * The databases service tests run on, for `describe.each(DATABASE_TARGETS)`: a fresh, migrated,
 * seeded PostgreSQL database, and the same on in-memory PGlite (the app's embedded mode).
 */
import type { Db } from "@/server/db/client";
import type { DemoSignIn } from "@/prisma/seed";
import { createSeededPglite } from "./pglite-database";
import { createSeededDatabase } from "./seeded-database";

export type SeededTarget = { db: Db; signIns: DemoSignIn[]; close(): Promise<void> };
export type DatabaseTarget = { name: string; open(): Promise<SeededTarget> };

export const DATABASE_TARGETS: DatabaseTarget[] = [
  { name: "PostgreSQL", open: createSeededDatabase },
  { name: "PGlite", open: createSeededPglite },
];
