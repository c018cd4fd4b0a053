import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { config } from "@/server/config";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;
/** A client or an open transaction: services accept either. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

type Handle = { db: PrismaClient; close: () => Promise<void> };

/** PostgreSQL when DATABASE_URL is set; otherwise the embedded PGlite database on disk. */
export function openDatabase(options: { url?: string; pgliteDir?: string } = {}): Handle {
  const url = options.url ?? config().DATABASE_URL;
  if (url) {
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    return { db, close: () => db.$disconnect() };
  }
  return openPglite(options.pgliteDir ?? config().pgliteDir);
}

/** An embedded database; `dir` undefined means in memory. */
export function openPglite(dir: string | undefined): Handle {
  if (dir) fs.mkdirSync(path.dirname(dir), { recursive: true });
  const pglite = new PGlite(dir);
  const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  // The adapter does not close PGlite; an unclosed PGlite can lose its last writes.
  return { db, close: async () => { await db.$disconnect(); await pglite.close(); } };
}

const globalForDb = globalThis as unknown as { porticoDb?: Handle };

/** The process-wide client (kept across hot reloads in development). */
export function db(): PrismaClient {
  if (!globalForDb.porticoDb) {
    globalForDb.porticoDb = openDatabase();
    const closeAndExit = () => void globalForDb.porticoDb?.close().finally(() => process.exit(0));
    process.once("SIGTERM", closeAndExit);
    process.once("SIGINT", closeAndExit);
  }
  return globalForDb.porticoDb.db;
}
