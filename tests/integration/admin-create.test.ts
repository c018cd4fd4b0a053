// `npm run admin:create`: the first provider admin of a production installation, from the command line.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shouldSeedDemo } from "@/scripts/prepare-database";
import { openDatabase } from "@/server/db/client";
import { signInWithPassword } from "@/server/services/auth/sign-in";
import { createMigratedDatabase } from "../support/seeded-database";

const run = promisify(execFile);
let database: Awaited<ReturnType<typeof createMigratedDatabase>>;

beforeAll(async () => {
  database = await createMigratedDatabase();
});

afterAll(() => database?.drop());

/** Runs the command as an operator would; its output and exit code. */
async function adminCreate(...args: string[]) {
  try {
    const { stdout } = await run("npx", ["tsx", "scripts/admin-create.ts", ...args], {
      env: { ...process.env, DATABASE_URL: database.url },
    });
    return { code: 0, stdout, stderr: "" };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("admin:create", () => {
  it("creates the provider org and its admin on an empty database, and prints a one-time password", async () => {
    const created = await adminCreate("--email", "ops@provider.example", "--name", "Ops Lead");
    expect(created.code).toBe(0);
    const password = created.stdout.trim().split("\n").at(-1)!;
    expect(password).toMatch(/^\S{16,}$/);
    const handle = openDatabase({ url: database.url });
    try {
      const { userId } = await signInWithPassword(handle.db, { email: "ops@provider.example", password, ip: null });
      const membership = await handle.db.membership.findFirstOrThrow({ where: { userId }, include: { org: true } });
      expect(membership).toMatchObject({ role: "PLATFORM_ADMIN", org: { kind: "PROVIDER" } });
      const audit = await handle.db.auditEvent.findFirstOrThrow({ where: { targetId: userId } });
      expect(audit.action).toBe("user.createPlatformAdmin");
      expect(JSON.stringify(audit)).not.toContain(password);
    } finally {
      await handle.close();
    }
  });

  it("refuses a taken email and a bad one, saying why, and writes nothing", async () => {
    const again = await adminCreate("--email", "ops@provider.example", "--name", "Someone Else");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("conflict; email: taken");
    const bad = await adminCreate("--email", "not-an-email", "--name", "X");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("validation; email: email");
    const handle = openDatabase({ url: database.url });
    try {
      expect(await handle.db.user.count()).toBe(1);
    } finally {
      await handle.close();
    }
  });
});

describe("the demo seed", () => {
  it("is on for the embedded database, and off for PostgreSQL unless asked for", () => {
    expect(shouldSeedDemo({})).toBe(true);
    expect(shouldSeedDemo({ PORTICO_SEED: "0" })).toBe(false);
    expect(shouldSeedDemo({ DATABASE_URL: "postgres://db/portico" })).toBe(false);
    expect(shouldSeedDemo({ DATABASE_URL: "postgres://db/portico", PORTICO_SEED: "1" })).toBe(true);
  });
});
