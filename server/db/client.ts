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

export type DatabaseHandle = { db: PrismaClient; close: () => Promise<void> };

type OpenOptions = {
  url?: string;
  pgliteDir?: string /** Called for every SQL statement (tests count them). */;
  onQuery?: (event: { query: string }) => void;
};

/** PostgreSQL when DATABASE_URL is set; otherwise the embedded PGlite database on disk. */
export function openDatabase(options: OpenOptions = {}): DatabaseHandle {
  const url = options.url ?? config().DATABASE_URL;
  if (!url) return openPglite(options.pgliteDir ?? config().pgliteDir);
  const adapter = new PrismaPg({ connectionString: url });
  if (!options.onQuery) {
    const db = new PrismaClient({ adapter });
    return { db, close: () => db.$disconnect() };
  }
  const db = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  db.$on("query", options.onQuery);
  return { db, close: () => db.$disconnect() };
}

/** An embedded database; `dir` undefined means in memory. */
function openPglite(dir: string | undefined): DatabaseHandle {
  if (dir) fs.mkdirSync(path.dirname(dir), { recursive: true });
  const pglite = new PGlite(dir);
  const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  // The adapter does not close PGlite; an unclosed PGlite can lose its last writes.
  return {
    db,
    close: async () => {
      await db.$disconnect();
      await pglite.close();
    },
  };
}

const globalForDb = globalThis as unknown as { porticoDb?: DatabaseHandle };

/** Makes `db()` this handle, for code that must run on a database of its choosing (tests). */
export function useProcessDatabase(handle: DatabaseHandle): void {
  globalForDb.porticoDb = handle;
}

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
