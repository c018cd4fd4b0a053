// `npm start`: prepare the embedded defaults (or the configured PostgreSQL), build when the
// sources changed, and serve the portal on PORT (default 3000).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { config } from "@/server/config";
import { buildIfStale } from "./build-if-stale";
import { resealConfiguredDatabase } from "./db/reseal";
import { migrateConfiguredDatabase, seedDemoData, shouldSeedDemo } from "./prepare-database";

const startedAt = performance.now();
const log = (line: string) => console.log(`[portico] ${line}`);

/** A stable secret: from the environment, else generated once and kept in the data folder (mode 600). */
function persistentSecret(envName: string, fileName: string): string {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  const file = path.resolve(config().PORTICO_DATA_DIR, fileName);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

function printSignIns(signIns: Awaited<ReturnType<typeof seedDemoData>>) {
  if (signIns.length === 0) return;
  log("demo sign-ins (kept in the data folder, demo-sign-ins.json):");
  for (const s of signIns)
    log(`  ${s.email.padEnd(24)} ${s.password.padEnd(18)} ${s.role.toLowerCase().replace("_", "-")} · ${s.org}`);
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  log(
    config().DATABASE_URL
      ? "database: PostgreSQL (DATABASE_URL)"
      : `database: embedded PGlite in ${config().pgliteDir}`,
  );
  const applied = await migrateConfiguredDatabase(log);
  log(applied.length ? `applied ${applied.length} migration(s)` : "database schema is up to date");
  const encryptionKey = persistentSecret("PORTICO_ENCRYPTION_KEY", "encryption-key");
  await resealConfiguredDatabase(encryptionKey, log);
  printSignIns(shouldSeedDemo(process.env) ? await seedDemoData() : []);
  await buildIfStale(log);

  const env = {
    ...process.env,
    NEXTAUTH_SECRET: persistentSecret("NEXTAUTH_SECRET", "auth-secret"),
    PORTICO_ENCRYPTION_KEY: encryptionKey,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production" as const,
    PORT: String(port),
  };
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  server.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (/Ready|started server/i.test(chunk.toString()))
      log(`portal up at http://localhost:${port} (${Math.round(performance.now() - startedAt)} ms after npm start)`);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error("[portico] start failed:", error);
  process.exit(1);
});
