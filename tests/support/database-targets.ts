/**
 * The databases service tests run on, for `describe.each(DATABASE_TARGETS)`: a fresh, migrated,
 * seeded PostgreSQL database, and the same on in-memory PGlite (the app's embedded mode).
 */
import type { DemoSignIn } from "@/prisma/seed";
import type { Db } from "@/server/db/client";
import type { Actor } from "@/server/services/audit/record-audit";
import { platformAdminOf } from "./actors";
import { createSeededPglite } from "./pglite-database";
import { createSeededDatabase } from "./seeded-database";

export type SeededTarget = { db: Db; signIns: DemoSignIn[]; close(): Promise<void> };
export type DatabaseTarget = { name: string; open(): Promise<SeededTarget> };

export const DATABASE_TARGETS: DatabaseTarget[] = [
  { name: "PostgreSQL", open: createSeededDatabase },
  { name: "PGlite", open: createSeededPglite },
];

export type OpenedTarget = { target: SeededTarget; db: Db; actor: Actor };

/** Opens a target, with the actor provider-side services run as in tests (the demo platform admin). */
export async function openTarget(open: DatabaseTarget["open"]): Promise<OpenedTarget> {
  const target = await open();
  return { target, db: target.db, actor: await platformAdminOf(target.db) };
}
