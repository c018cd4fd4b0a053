import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// What a production build depends on; a change to any of these makes `npm start` rebuild.
const SOURCES = [
  "app",
  "components",
  "lib",
  "server",
  "messages",
  "locales",
  "i18n",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "global.d.ts",
  "prisma/schema.prisma",
];
/** Regenerated on every start from prisma/schema.prisma, which is stamped instead. */
const IGNORED = new Set([path.join("server", "db", "generated")]);

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const STAMP = path.join(".next", "portico-source-stamp");

function walk(entry: string, out: string[]) {
  if (!fs.existsSync(entry) || IGNORED.has(entry)) return;
  const stat = fs.statSync(entry);
  if (stat.isDirectory()) for (const child of fs.readdirSync(entry).sort()) walk(path.join(entry, child), out);
  else out.push(`${entry}:${stat.size}:${stat.mtimeMs}`);
}

function sourceStamp(): string {
  const entries: string[] = [];
  for (const source of SOURCES) walk(source, entries);
  return createHash("sha256").update(entries.join("\n")).digest("hex");
}

export async function buildIfStale(log: (line: string) => void): Promise<void> {
  const stamp = sourceStamp();
  const built =
    fs.existsSync(path.join(".next", "BUILD_ID")) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === stamp;
  if (built) return;
  log("building the portal (first start or sources changed)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed");
  fs.writeFileSync(STAMP, stamp);
}
