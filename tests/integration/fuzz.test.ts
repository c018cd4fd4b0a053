// Hostile input to every server action and route handler (found by tests/support/endpoints.ts), each
// called by a signed-in user who passes its access check, so the input reaches validation and the
// services: every answer is a validation, not-found, forbidden, conflict or unauthenticated error (or 415),
// never an internal one, and a refusal leaves the database as it was. FUZZ_RUNS sets the inputs per endpoint.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { type Action, discoverActions, discoverRoutes, methodOf, ROOT, type RouteHandler } from "../support/endpoints";
import { hostileBody, hostileInput, hostileQuery, hostileString } from "../support/hostile-inputs";
import { closeProcessDatabase, createProcessDatabase, demoIds, type SeededDatabase } from "../support/seeded-database";

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const REFUSALS = new Set([
  "validation",
  "not_found",
  "forbidden",
  "conflict",
  "unauthenticated",
  "unsupported_media_type",
]);

/**
 * Endpoints for which a hostile-looking input can be a legitimate success, and why. Anything else that
 * answers ok fails the suite.
 */
const MAY_SUCCEED: Record<string, string> = {
  "api/health#GET": "a health check takes no input",
  "session/choose-locale#chooseLocale": "any supported locale tag is a fine choice",
};

let seeded: SeededDatabase;
let tenantIds: string[];
let fingerprintSql = "";
let runAs: typeof import("@/server/auth/caller").runAs;

/** A hash of every table's rows: one statement, so it can run after every call. */
async function fingerprint(): Promise<string> {
  const rows = await seeded.db.$queryRawUnsafe<{ hash: string }[]>(fingerprintSql);
  return rows[0]!.hash;
}

beforeAll(async () => {
  seeded = await createProcessDatabase();
  const ids = await demoIds(seeded.db);
  const acmeSku = await seeded.db.sku.findUniqueOrThrow({ where: { slug: "dev-pod-large" } });
  const alice = await seeded.db.user.findUniqueOrThrow({ where: { email: "alice@acme.example" } });
  tenantIds = [ids.acme.id, ids.acmeResearch.id, ids.bobAtAcme.id, ids.bob.id, alice.id, acmeSku.id];
  const tables = await seeded.db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`;
  const hashes = tables.map(
    ({ name }) => `(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), ''))
    FROM "${name}" t)`,
  );
  fingerprintSql = `SELECT md5(${hashes.join(" || ")}) AS hash`;
  ({ runAs } = await import("@/server/auth/caller"));
});

afterAll(() => closeProcessDatabase(seeded));

/** Who calls: the provider's admin for provider endpoints, else Globex's admin (Acme's ids are foreign). */
function callerFor(file: string): string {
  const source = fs.readFileSync(file, "utf8");
  return /access: "platform-admin"/.test(source) ? "admin@portico.example" : "grace@globex.example";
}

const actionFile = (id: string) => path.join(ROOT, "server/actions", `${id.split("#")[0]}.ts`);
const routeFile = (id: string) => path.join(ROOT, "app", id.split("#")[0]!, "route.ts");

/** `read`: a GET or HEAD, whose success with odd input is legitimate (a read; the database is still checked). */
type Outcome = { ok: boolean; read?: boolean; code?: string; status?: number };

/** Runs `call` on every generated input, checking each outcome; returns how many inputs were tried. */
async function fuzz<T>(id: string, email: string, arbitrary: fc.Arbitrary<T>, call: (input: T) => Promise<Outcome>) {
  const user = await seeded.db.user.findUniqueOrThrow({ where: { email } });
  let tried = 0;
  await fc.assert(
    fc.asyncProperty(arbitrary, async (input) => {
      tried++;
      const before = await fingerprint();
      const outcome = await runAs({ userId: user.id }, () => call(input));
      if (outcome.ok && !outcome.read) {
        expect(MAY_SUCCEED[id], `${id} accepted a hostile input`).toBeDefined();
        return;
      }
      if (outcome.ok) {
        expect(await fingerprint(), `${id} wrote while reading`).toBe(before);
        return;
      }
      expect(REFUSALS, `${id} answered ${outcome.code} (${outcome.status ?? "action"})`).toContain(outcome.code);
      expect(await fingerprint(), `${id} changed the database while refusing`).toBe(before);
    }),
    { numRuns: RUNS, endOnFailure: true },
  );
  return tried;
}

async function fuzzAction(id: string, action: Action): Promise<number> {
  return fuzz(id, callerFor(actionFile(id)), hostileInput(tenantIds), async (input) => {
    const result = await action(input);
    return result.ok ? { ok: true } : { ok: false, code: result.error.code };
  });
}

const dynamicSegments = (id: string) => [...id.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((match) => match[1]!);

async function fuzzRoute(id: string, handler: RouteHandler): Promise<number> {
  const method = methodOf(id);
  const segments = dynamicSegments(id);
  const arbitrary = fc.record({
    params: fc.tuple(...segments.map(() => hostileString(tenantIds))),
    query: hostileQuery(tenantIds),
    body: hostileBody(tenantIds),
  });
  return fuzz(id, callerFor(routeFile(id)), arbitrary, async ({ params, query, body }) => {
    const values = params.map((value) => value.slice(0, 2_000));
    const pathname = id
      .split("#")[0]!
      .replace(/\[(?:\.\.\.)?\w+\]/g, (_, i = 0) => encodeURIComponent(values[i] ?? ""));
    const url = `http://localhost/${pathname}?${query}`;
    const hasBody = !["GET", "HEAD"].includes(method);
    const headers = hasBody && body.contentType ? { "content-type": body.contentType } : undefined;
    const request = new Request(url, { method, headers, body: hasBody ? body.text : undefined });
    const context = { params: Promise.resolve(Object.fromEntries(segments.map((name, i) => [name, values[i]!]))) };
    const response = await handler(request, context);
    if (response.ok) return { ok: true, read: method === "GET" || method === "HEAD", status: response.status };
    const text = await response.text();
    const code = (JSON.parse(text || "{}") as { error?: { code?: string } }).error?.code ?? `status ${response.status}`;
    return { ok: false, code, status: response.status };
  });
}

it("refuses hostile input to every endpoint without an internal error or a write", { timeout: 300_000 }, async () => {
  const errors = vi.spyOn(console, "error");
  const counts: [string, number][] = [];
  for (const [id, action] of await discoverActions()) counts.push([id, await fuzzAction(id, action)]);
  for (const [id, handler] of await discoverRoutes()) {
    if (id.startsWith("api/auth/")) continue; // next-auth's own handler: sign-in is tested on its own
    counts.push([id, await fuzzRoute(id, handler)]);
  }
  for (const [id, tried] of counts) console.log(`fuzz ${id}: ${tried} inputs`);
  console.log(`fuzz total: ${counts.reduce((sum, [, n]) => sum + n, 0)} inputs, ${counts.length} endpoints`);
  const internal = errors.mock.calls.filter((args) => String(args[0]).includes("[portico] internal error"));
  expect(internal.map((args) => args.map(String).join(" ").slice(0, 300))).toEqual([]);
  expect(counts.every(([, tried]) => tried === RUNS)).toBe(true);
});
