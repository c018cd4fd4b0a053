import { defineConfig } from "prisma/config";

// Prisma 7 reads the connection from here, not from the schema. The portal itself connects
// through a driver adapter (server/db/client.ts); this file serves the Prisma CLI where it can run.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/portico" },
});
