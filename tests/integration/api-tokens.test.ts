// API tokens for the REST API: who may create which, what is stored, and how a REST call with one is
// authenticated (through the real route handlers), revoked, expired, and narrowed with its owner's role.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import type { TenantCaller } from "@/server/authz";
import { callerOf } from "../support/actors";
import { codeOf } from "../support/app-errors";
import { closeProcessDatabase, createProcessDatabase, type SeededDatabase } from "../support/seeded-database";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Services = {
  create: typeof import("@/server/services/api-tokens/create-api-token").createApiToken;
  list: typeof import("@/server/services/api-tokens/list-api-tokens").listApiTokens;
  revoke: typeof import("@/server/services/api-tokens/revoke-api-token").revokeApiToken;
  grantable: typeof import("@/server/services/api-tokens/token-rights").grantableScopes;
  runAs: typeof import("@/server/auth/caller").runAs;
};

let seeded: SeededDatabase;
let s: Services;
let routes: { skus: Handler; importYaml: Handler; deployments: Handler; languageExport: Handler };
let callers: Record<"admin" | "alice" | "bob" | "grace", TenantCaller>;
let skuFile: string;

beforeAll(async () => {
  seeded = await createProcessDatabase();
  s = {
    create: (await import("@/server/services/api-tokens/create-api-token")).createApiToken,
    list: (await import("@/server/services/api-tokens/list-api-tokens")).listApiTokens,
    revoke: (await import("@/server/services/api-tokens/revoke-api-token")).revokeApiToken,
    grantable: (await import("@/server/services/api-tokens/token-rights")).grantableScopes,
    runAs: (await import("@/server/auth/caller")).runAs,
  };
  routes = {
    skus: (await import("@/app/api/v1/skus/route")).GET,
    importYaml: (await import("@/app/api/v1/skus/import/route")).POST,
    deployments: (await import("@/app/api/v1/deployments/route")).GET,
    languageExport: (await import("@/app/api/admin/languages/[code]/export/route")).GET,
  };
  const [admin, alice, bob, grace] = await Promise.all(
    [DEMO_ACCOUNTS.admin, DEMO_ACCOUNTS.alice, DEMO_ACCOUNTS.bob, DEMO_ACCOUNTS.grace].map((a) =>
      callerOf(seeded.db, a),
    ),
  );
  callers = { admin: admin!, alice: alice!, bob: bob!, grace: grace! };
  const { exportSkuYaml } = await import("@/server/services/skus/sku-yaml");
  const sku = await seeded.db.sku.findUniqueOrThrow({ where: { slug: "jupyterlab" } });
  skuFile = (await exportSkuYaml(seeded.db, sku.id)).replace("slug: jupyterlab", "slug: gitops-jupyter");
});

afterAll(() => closeProcessDatabase(seeded));

const newToken = (caller: TenantCaller, scope: TenantCaller["role"], name = "ci") =>
  s.create(seeded.db, caller, { name, scope, expiresInDays: 30 });

/** A REST call as a CI job makes it: no session at all, only the token (or, with `session`, both). */
function api(handler: Handler, path: string, token: string, init: RequestInit & { session?: string } = {}) {
  const headers = { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) };
  const request = new Request(`http://localhost${path}`, { ...init, headers });
  return s.runAs({ userId: init.session ?? null }, () => handler(request, { params: Promise.resolve({}) }));
}

const importFile = (token: string, headers: Record<string, string> = { "Content-Type": "application/yaml" }) =>
  api(routes.importYaml, "/api/v1/skus/import", token, { method: "POST", headers, body: skuFile });

describe("creating a token", () => {
  it("grants at most the creator's role, in the org they act in", async () => {
    expect(s.grantable(callers.admin)).toEqual(["platform-admin", "member"]);
    expect(s.grantable(callers.alice)).toEqual(["org-admin", "member"]);
    expect(s.grantable(callers.bob)).toEqual(["member"]);
    expect(await codeOf(newToken(callers.alice, "platform-admin"))).toBe("forbidden:");
    expect(await codeOf(newToken(callers.bob, "org-admin"))).toBe("forbidden:");
    expect(await codeOf(newToken(callers.grace, "platform-admin"))).toBe("forbidden:");
    expect(await seeded.db.apiToken.count()).toBe(0);

    const gitops = await newToken(callers.admin, "platform-admin");
    const acme = await newToken(callers.alice, "org-admin");
    const rows = await seeded.db.apiToken.findMany({ where: { id: { in: [gitops.tokenId, acme.tokenId] } } });
    expect(rows.map((r) => [r.orgId, r.ownerId, r.scope]).sort()).toEqual(
      [
        [callers.admin.org.id, callers.admin.userId, "PLATFORM_ADMIN"],
        [callers.alice.org.id, callers.alice.userId, "ORG_ADMIN"],
      ].sort(),
    );
  });

  it("must expire, within a year (the action validates the form's strings)", async () => {
    const { createApiToken } = await import("@/server/actions/api-tokens/create-api-token");
    const attempt = (expiresInDays: string) =>
      s.runAs({ userId: callers.bob.userId }, () => createApiToken({ name: "x", scope: "member", expiresInDays }));
    expect(await attempt("0")).toMatchObject({ ok: false, error: { fields: { expiresInDays: { key: "tooSmall" } } } });
    expect(await attempt("366")).toMatchObject({ ok: false, error: { fields: { expiresInDays: { key: "tooBig" } } } });
    expect(await attempt("")).toMatchObject({ ok: false, error: { fields: { expiresInDays: { key: "required" } } } });
    const made = await attempt("7");
    expect(made.ok).toBe(true);
    const row = await seeded.db.apiToken.findUniqueOrThrow({ where: { id: made.ok ? made.data.tokenId : "" } });
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 2);
  });

  it("keeps only a SHA-256 of the secret, and audits the creation without either", async () => {
    const { secret, tokenId, prefix } = await newToken(callers.admin, "member", "hash check");
    expect(secret).toMatch(/^ptk_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(prefix)).toBe(true);
    const [row] = await seeded.db.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "ApiToken" WHERE id = ${tokenId}`;
    expect(row!.secretHash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(secret.slice(prefix.length));
    const audit = await seeded.db.auditEvent.findFirstOrThrow({ where: { targetId: tokenId } });
    expect(audit).toMatchObject({
      action: "api-token.create",
      actorId: callers.admin.userId,
      orgId: callers.admin.org.id,
    });
    expect(audit.changes).toMatchObject({
      name: { to: "hash check" },
      scope: { to: "member" },
      prefix: { to: prefix },
    });
    expect(JSON.stringify(audit)).not.toContain(secret.slice(prefix.length));
    expect(JSON.stringify(audit)).not.toContain(row!.secretHash as string);
  });
});

describe("a REST call with a token", () => {
  it("applies a SKU file as the token's owner, with no session", async () => {
    const { secret } = await newToken(callers.admin, "platform-admin", "gitops");
    const response = await importFile(secret);
    expect(response.status).toBe(200);
    const { skuId, created } = (await response.json()) as { skuId: string; created: boolean };
    expect(created).toBe(true);
    expect((await seeded.db.sku.findUniqueOrThrow({ where: { id: skuId } })).slug).toBe("gitops-jupyter");
    const audit = await seeded.db.auditEvent.findFirstOrThrow({ where: { targetId: skuId } });
    expect(audit.actorId).toBe(callers.admin.userId);
    expect((await api(routes.skus, "/api/v1/skus", secret)).status).toBe(200);
  });

  it("needs no Origin check (no cookie is used) but still its content type", async () => {
    const { secret } = await newToken(callers.admin, "platform-admin");
    const headers = { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" };
    expect((await importFile(secret, { ...headers, "Content-Type": "application/yaml" })).status).toBe(200);
    const untyped = await importFile(secret, { ...headers, "Content-Type": "text/plain" });
    expect(untyped.status).toBe(415);
  });

  it("with an unknown or malformed token is refused with 401, even beside a valid session", async () => {
    const session = callers.admin.userId;
    for (const token of [`ptk_${"A".repeat(43)}`, "not-a-token", ""]) {
      const response = await api(routes.skus, "/api/v1/skus", token, { session });
      expect(response.status, token).toBe(401);
      expect(await response.json()).toEqual({ error: { code: "unauthenticated" } });
    }
  });

  it("is only for the REST API: other routes do not read it", async () => {
    const { secret } = await newToken(callers.admin, "platform-admin");
    const url = "/api/admin/languages/fr/export";
    const response = await s.runAs({ userId: null }, () =>
      routes.languageExport(new Request(`http://localhost${url}`, { headers: { Authorization: `Bearer ${secret}` } }), {
        params: Promise.resolve({ code: "fr" }),
      }),
    );
    expect(response.status).toBe(401);
  });

  it("records its last use, at most once a minute", async () => {
    const { secret, tokenId } = await newToken(callers.bob, "member", "last use");
    const lastUse = async () => (await s.list(seeded.db, callers.bob)).find((t) => t.id === tokenId)!.lastUsedAt;
    expect(await lastUse()).toBeNull();
    const deployments = `/api/v1/deployments?skuId=${(await seeded.db.sku.findFirstOrThrow()).id}`;
    expect((await api(routes.deployments, deployments, secret)).status).toBe(200);
    const first = await lastUse();
    expect(first).toBeInstanceOf(Date);
    expect((await api(routes.deployments, deployments, secret)).status).toBe(200);
    expect(await lastUse()).toEqual(first);
    // A minute on, the next call moves it.
    await seeded.db.apiToken.update({
      where: { id: tokenId },
      data: { lastUsedAt: new Date(first!.getTime() - 61_000) },
    });
    await api(routes.deployments, deployments, secret);
    expect((await lastUse())!.getTime()).toBeGreaterThan(first!.getTime() - 61_000);
  });
});

describe("listing and revoking", () => {
  it("shows an org admin all their org's tokens with owners, and members only theirs", async () => {
    await newToken(callers.bob, "member", "bob's laptop");
    const byAlice = await s.list(seeded.db, callers.alice);
    const byBob = await s.list(seeded.db, callers.bob);
    const byGrace = await s.list(seeded.db, callers.grace);
    expect(new Set(byAlice.map((t) => t.owner.email))).toEqual(
      new Set([DEMO_ACCOUNTS.alice.email, DEMO_ACCOUNTS.bob.email]),
    );
    expect(byBob.length).toBeGreaterThan(0);
    expect(byBob.every((t) => t.owner.email === DEMO_ACCOUNTS.bob.email)).toBe(true);
    expect(byGrace).toEqual([]);
    expect(byAlice[0]).not.toHaveProperty("secretHash");
    expect(byAlice.every((t) => t.status === "active")).toBe(true);
  });

  it("a revoked token is refused at once; only the org's admins or its owner may revoke it", async () => {
    const { secret, tokenId } = await newToken(callers.bob, "member", "to revoke");
    const deployments = `/api/v1/deployments?skuId=${(await seeded.db.sku.findFirstOrThrow()).id}`;
    expect((await api(routes.deployments, deployments, secret)).status).toBe(200);
    const alicesToken = await newToken(callers.alice, "member", "alice's");
    expect(await codeOf(s.revoke(seeded.db, callers.bob, { tokenId: alicesToken.tokenId }))).toBe("not_found:");
    expect(await codeOf(s.revoke(seeded.db, callers.grace, { tokenId }))).toBe("not_found:");

    expect(await s.revoke(seeded.db, callers.alice, { tokenId })).toEqual({ changed: true });
    expect((await api(routes.deployments, deployments, secret)).status).toBe(401);
    expect(await s.revoke(seeded.db, callers.bob, { tokenId })).toEqual({ changed: false });
    expect((await s.list(seeded.db, callers.bob)).find((t) => t.id === tokenId)?.status).toBe("revoked");
    const audit = await seeded.db.auditEvent.findMany({ where: { targetId: tokenId, action: "api-token.revoke" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: callers.alice.userId, orgId: callers.alice.org.id });
  });

  it("an expired token is refused at once", async () => {
    const { secret, tokenId } = await newToken(callers.admin, "platform-admin", "expiring");
    expect((await api(routes.skus, "/api/v1/skus", secret)).status).toBe(200);
    await seeded.db.apiToken.update({ where: { id: tokenId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await api(routes.skus, "/api/v1/skus", secret)).status).toBe(401);
    expect((await s.list(seeded.db, callers.admin)).find((t) => t.id === tokenId)?.status).toBe("expired");
  });
});

describe("the token's owner", () => {
  it("demoted: the token drops to their new role at once; disabled: it stops", async () => {
    const provider = await seeded.db.organization.findUniqueOrThrow({ where: { slug: "provider" } });
    const owner = await seeded.db.user.create({
      data: {
        email: "second-admin@portico.example",
        name: "Second Admin",
        memberships: { create: { orgId: provider.id, role: "PLATFORM_ADMIN" } },
      },
    });
    const ownerCaller = await callerOf(seeded.db, owner);
    const { secret } = await newToken(ownerCaller, "platform-admin", "owner changes");
    const deployments = `/api/v1/deployments?skuId=${(await seeded.db.sku.findFirstOrThrow()).id}`;
    expect((await api(routes.skus, "/api/v1/skus", secret)).status).toBe(200);

    await seeded.db.membership.updateMany({ where: { userId: owner.id }, data: { role: "MEMBER" } });
    expect((await api(routes.skus, "/api/v1/skus", secret)).status).toBe(403);
    expect((await importFile(secret)).status).toBe(403);
    expect((await api(routes.deployments, deployments, secret)).status).toBe(200);

    await seeded.db.user.update({ where: { id: owner.id }, data: { disabledAt: new Date() } });
    expect((await api(routes.deployments, deployments, secret)).status).toBe(401);
  });

  it("removed from the token's org: the token stops, even if they belong to another org", async () => {
    const acme = callers.alice.org;
    const globex = callers.grace.org;
    const owner = await seeded.db.user.create({
      data: {
        email: "two-orgs@example.com",
        name: "Two Orgs",
        memberships: { create: [{ orgId: acme.id, role: "MEMBER" }] },
      },
    });
    const { secret } = await newToken(await callerOf(seeded.db, owner), "member");
    await seeded.db.membership.create({ data: { userId: owner.id, orgId: globex.id, role: "ORG_ADMIN" } });
    const deployments = `/api/v1/deployments?skuId=${(await seeded.db.sku.findFirstOrThrow()).id}`;
    expect((await api(routes.deployments, deployments, secret)).status).toBe(200);
    await seeded.db.membership.deleteMany({ where: { userId: owner.id, orgId: acme.id } });
    expect((await api(routes.deployments, deployments, secret)).status).toBe(401);
  });
});
