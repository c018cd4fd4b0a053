// `npm run admin:create -- --email you@provider.example --name "Your Name"`: the first provider admin of
// an installation (PostgreSQL via DATABASE_URL, or the embedded database). Prints a one-time password.
import { parseArgs } from "node:util";
import { createPlatformAdminSchema } from "@/lib/validation/organizations";
import { openDatabase } from "@/server/db/client";
import { AppError, parseInput } from "@/server/errors";
import { createPlatformAdmin } from "@/server/services/members/create-platform-admin";
import { migrateConfiguredDatabase } from "./prepare-database";

const USAGE = 'usage: npm run admin:create -- --email <email> --name "<name>"';

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
  const input = parseInput(createPlatformAdminSchema, values);
  await migrateConfiguredDatabase(() => undefined);
  const handle = openDatabase();
  try {
    const { email, oneTimePassword } = await createPlatformAdmin(handle.db, input);
    console.log(`provider admin ${email} created; one-time password (shown once, change it after signing in):`);
    console.log(oneTimePassword);
  } finally {
    await handle.close();
  }
}

/** What went wrong, in words: the fields and their message keys, never a stack. */
function problemOf(error: unknown): string {
  if (!(error instanceof AppError)) return error instanceof Error ? error.message : String(error);
  const fields = Object.entries(error.fields ?? {}).map(([name, field]) => `${name}: ${field.key}`);
  return [error.code, ...fields].join("; ");
}

main().catch((error: unknown) => {
  console.error(`admin:create failed: ${problemOf(error)}\n${USAGE}`);
  process.exit(1);
});
