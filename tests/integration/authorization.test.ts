// Every server action and route handler of the app, found on disk (tests/support/endpoints.ts): an
// anonymous caller and a caller from another organization are refused by each. A new endpoint without
// its check, or without a probe below, fails this file; so does a probe whose check asserts nothing.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionResult } from "@/lib/errors";
import { insertDeployment } from "../builders/deployments";
import { callerOf } from "../support/actors";
import {
  type Action,
  discoverActions,
  discoverRoutes,
  filesUnder,
  inlineServerFunctions,
  inlineServerFunctionsOnDisk,
  isRouteFile,
  methodOf,
  ROOT,
  type RouteHandler,
} from "../support/endpoints";
import { createSeededDatabase, demoIds, type SeededDatabase } from "../support/seeded-database";

/** A deployment of Acme's, made before the probes run. */
const ACME_DEPLOYMENT = "cacmedeployment0000000001";
/** An API token of Acme's org admin, made before the probes run. */
const ACME_TOKEN = "cacmeapitoken000000000001";

type Ids = Awaited<ReturnType<typeof demoIds>>;

/** Endpoints meant for everyone: signing in, health checks, choosing a language before sign-in. */
const PUBLIC_ACTIONS = new Set(["session/choose-locale#chooseLocale"]);
const PUBLIC_ROUTES = new Set(["api/auth/[...nextauth]#GET", "api/auth/[...nextauth]#POST", "api/health#GET"]);

/**
 * For each protected action: a signed-in caller from another tenant (or without the role)
 * aiming at Acme's data. `check` proves the attempt was refused or stayed in the caller's tenant.
 */
type Probe = {
  as: string;
  input: (ids: Ids) => unknown;
  check: (result: ActionResult<unknown>, ids: Ids, db: SeededDatabase["db"]) => Promise<void>;
};

const refused = (code: "forbidden" | "not_found") => async (result: ActionResult<unknown>) => {
  expect(result).toMatchObject({ ok: false, error: { code } });
};

const PROBES: Record<string, Probe> = {
  "admin/create-organization#createOrganization": {
    as: "grace@globex.example",
    input: () => ({ name: "Evil", slug: "evil" }),
    check: refused("forbidden"),
  },
  "admin/create-user#createUser": {
    as: "grace@globex.example",
    input: (ids) => ({ orgId: ids.acme.id, email: "x@evil.example", name: "X", role: "org-admin" }),
    check: refused("forbidden"),
  },
  "admin/add-member#addMember": {
    as: "grace@globex.example",
    input: (ids) => ({ orgId: ids.acme.id, email: "grace@globex.example", role: "org-admin" }),
    check: refused("forbidden"),
  },
  "admin/set-org-quota#setOrgQuota": {
    as: "alice@acme.example",
    input: (ids) => ({ orgId: ids.acme.id, gpuModel: "H100-80GB", maxGpus: 999 }),
    check: refused("forbidden"),
  },
  "org/update-member-role#updateMemberRole": {
    as: "grace@globex.example",
    input: (ids) => ({ membershipId: ids.bobAtAcme.id, role: "org-admin" }),
    check: async (result, ids, db) => {
      await refused("not_found")(result);
      expect((await db.membership.findUniqueOrThrow({ where: { id: ids.bobAtAcme.id } })).role).toBe("MEMBER");
    },
  },
  "org/remove-member#removeMember": {
    as: "grace@globex.example",
    input: (ids) => ({ membershipId: ids.bobAtAcme.id }),
    check: async (result, ids, db) => {
      await refused("not_found")(result);
      expect(await db.membership.findUnique({ where: { id: ids.bobAtAcme.id } })).not.toBeNull();
    },
  },
  "org/create-project#createProject": {
    // The org comes from the session: an org id smuggled into the input is ignored.
    as: "grace@globex.example",
    input: (ids) => ({ name: "Smuggled", slug: "smuggled", orgId: ids.acme.id }),
    check: async (result, ids, db) => {
      expect(result.ok).toBe(true);
      const project = await db.project.findFirstOrThrow({ where: { slug: "smuggled" } });
      expect(project.orgId).toBe(ids.globex.id);
    },
  },
  "org/set-project-quota#setProjectQuota": {
    as: "grace@globex.example",
    input: (ids) => ({ projectId: ids.acmeResearch.id, gpuModel: "H100-80GB", maxGpus: 0 }),
    check: refused("not_found"),
  },
  "profile/update-profile#updateProfile": {
    // Acts on the caller only: a user id in the input is ignored.
    as: "grace@globex.example",
    input: (ids) => ({ name: "Renamed", locale: "", userId: ids.bob.id }),
    check: async (_result, ids, db) => {
      expect((await db.user.findUniqueOrThrow({ where: { id: ids.bob.id } })).name).toBe("Bob Builder");
    },
  },
  "session/switch-organization#switchOrganization": {
    as: "grace@globex.example",
    input: (ids) => ({ orgId: ids.acme.id }),
    check: refused("forbidden"),
  },
  "languages/add-locale#addLocale": {
    as: "grace@globex.example",
    input: () => ({ code: "de" }),
    check: refused("forbidden"),
  },
  "languages/set-locale-enabled#setLocaleEnabled": {
    as: "grace@globex.example",
    input: () => ({ code: "fr", enabled: false }),
    check: refused("forbidden"),
  },
  "languages/set-platform-default-locale#setPlatformDefaultLocale": {
    as: "grace@globex.example",
    input: () => ({ code: "fr" }),
    check: refused("forbidden"),
  },
  "languages/set-org-default-locale#setOrgDefaultLocale": {
    as: "grace@globex.example",
    input: (ids) => ({ orgId: ids.acme.id, code: "fr" }),
    check: async (result, ids, db) => {
      await refused("forbidden")(result);
      expect((await db.organization.findUniqueOrThrow({ where: { id: ids.acme.id } })).defaultLocale).toBeNull();
    },
  },
  "languages/save-override#saveOverride": {
    as: "grace@globex.example",
    input: () => ({ locale: "fr", key: "nav.items.pods", message: "x" }),
    check: refused("forbidden"),
  },
  "languages/revert-override#revertOverride": {
    as: "grace@globex.example",
    input: () => ({ locale: "fr", key: "nav.items.pods" }),
    check: refused("forbidden"),
  },
  "skus/create-sku-from-template#createSkuFromTemplate": {
    as: "grace@globex.example",
    input: () => ({ slug: "evil", templateId: "jupyterlab" }),
    check: refused("forbidden"),
  },
  "skus/save-sku-yaml#saveSkuYaml": {
    as: "grace@globex.example",
    input: () => ({ skuId: "c0000000000000000000000", yaml: "x: 1" }),
    check: refused("forbidden"),
  },
  "skus/create-sku#createSku": {
    as: "grace@globex.example",
    input: () => ({ slug: "evil", spec: {} }),
    check: refused("forbidden"),
  },
  "skus/save-sku-draft#saveSkuDraft": {
    as: "grace@globex.example",
    input: () => ({ skuId: "c0000000000000000000000", spec: {} }),
    check: refused("forbidden"),
  },
  "skus/publish-sku-version#publishSkuVersion": {
    as: "grace@globex.example",
    input: () => ({ versionId: "c0000000000000000000000" }),
    check: refused("forbidden"),
  },
  "skus/archive-sku#archiveSku": {
    as: "grace@globex.example",
    input: () => ({ skuId: "c0000000000000000000000" }),
    check: refused("forbidden"),
  },
  "skus/set-sku-sharing#setSkuSharing": {
    as: "grace@globex.example",
    input: (ids) => ({
      skuId: "c0000000000000000000000",
      sharedWithAll: false,
      orgs: [{ orgId: ids.globex.id, projectIds: [] }],
    }),
    check: refused("forbidden"),
  },
  "clusters/register-cluster#registerCluster": {
    as: "grace@globex.example",
    input: () => ({ connection: "IN_CLUSTER", name: "evil" }),
    check: refused("forbidden"),
  },
  "clusters/check-cluster#checkCluster": {
    as: "grace@globex.example",
    input: () => ({ clusterId: "c0000000000000000000000" }),
    check: refused("forbidden"),
  },
  "languages/import-catalog#importCatalog": {
    as: "grace@globex.example",
    input: () => ({ locale: "fr", format: "json", content: "{}", dryRun: false }),
    check: refused("forbidden"),
  },
  "skus/test-launch-sku#testLaunchSku": {
    as: "grace@globex.example",
    input: () => ({ versionId: "c0000000000000000000000", clusterId: "c0000000000000000000000", values: {} }),
    check: refused("forbidden"),
  },
  "admin/set-sandbox-quota#setSandboxQuota": {
    as: "grace@globex.example",
    input: () => ({ gpuModel: "NVIDIA-H100-80GB-HBM3", maxGpus: 64 }),
    check: refused("forbidden"),
  },
  "deployments/launch-sku#launchSku": {
    // A real SKU shared with Acme only, into Globex's own project: Globex may not launch it.
    as: "hank@globex.example",
    input: () => ({
      skuId: acmeOnlySkuId,
      projectId: globexInferenceId,
      clusterId: probeClusterId,
      name: "evil",
      values: {},
    }),
    check: async (result, _ids, db) => {
      await refused("not_found")(result);
      expect(await db.deployment.count({ where: { name: "evil" } })).toBe(0);
    },
  },
  "api-tokens/create-api-token#createApiToken": {
    // Globex's admin may not mint a provider-admin token, nor one for Acme (the org comes from the session).
    as: "grace@globex.example",
    input: (ids) => ({ name: "evil", scope: "platform-admin", expiresInDays: "30", orgId: ids.acme.id }),
    check: async (result, ids, db) => {
      await refused("forbidden")(result);
      expect(await db.apiToken.count({ where: { OR: [{ orgId: ids.acme.id }, { scope: "PLATFORM_ADMIN" }] } })).toBe(1);
    },
  },
  "api-tokens/revoke-api-token#revokeApiToken": {
    as: "grace@globex.example",
    input: () => ({ tokenId: ACME_TOKEN }),
    check: async (result, _ids, db) => {
      await refused("not_found")(result);
      expect((await db.apiToken.findUniqueOrThrow({ where: { id: ACME_TOKEN } })).revokedAt).toBeNull();
    },
  },
  "deployments/set-desired#setDeploymentDesired": {
    as: "grace@globex.example",
    input: () => ({ deploymentId: ACME_DEPLOYMENT, desired: "STOPPED" }),
    check: async (result, _ids, db) => {
      await refused("not_found")(result);
      expect((await db.deployment.findUniqueOrThrow({ where: { id: ACME_DEPLOYMENT } })).desired).toBe("RUNNING");
    },
  },
  "deployments/delete-deployment#deleteDeployment": {
    as: "grace@globex.example",
    input: () => ({ deploymentId: ACME_DEPLOYMENT }),
    check: async (result, _ids, db) => {
      await refused("not_found")(result);
      expect((await db.deployment.findUniqueOrThrow({ where: { id: ACME_DEPLOYMENT } })).desired).toBe("RUNNING");
    },
  },
};

/** For each protected route handler: a request from another tenant's admin, and the status it must get. */
type RouteProbe = { as: string; params: Record<string, string>; url: string; status: number };

/** The demo's Developer Pod Large is shared with Acme only. */
const ACME_ONLY_SKU = "dev-pod-large";
let acmeOnlySkuId = "";
let globexInferenceId = "";
let probeClusterId = "";
const ROUTE_PROBES: Record<string, RouteProbe> = {
  "api/admin/languages/[code]/export#GET": {
    as: "grace@globex.example",
    params: { code: "fr" },
    url: "http://localhost/api/admin/languages/fr/export",
    status: 403,
  },
  "api/v1/skus#GET": { as: "grace@globex.example", params: {}, url: "http://localhost/api/v1/skus", status: 403 },
  "api/v1/skus#POST": { as: "grace@globex.example", params: {}, url: "http://localhost/api/v1/skus", status: 403 },
  "api/v1/skus/[skuId]#GET": {
    as: "grace@globex.example",
    params: { skuId: "x" },
    url: "http://localhost/api/v1/skus/x",
    status: 403,
  },
  "api/v1/skus/[skuId]/yaml#GET": {
    as: "grace@globex.example",
    params: { skuId: "x" },
    url: "http://localhost/api/v1/skus/x/yaml",
    status: 403,
  },
  "api/v1/skus/import#POST": {
    as: "grace@globex.example",
    params: {},
    url: "http://localhost/api/v1/skus/import",
    status: 403,
  },
  "api/v1/sku-versions/[versionId]/publish#POST": {
    as: "grace@globex.example",
    params: { versionId: "x" },
    url: "http://localhost/api/v1/sku-versions/x/publish",
    status: 403,
  },
  "api/v1/sku-versions/[versionId]/test-launch#POST": {
    as: "grace@globex.example",
    params: { versionId: "x" },
    url: "http://localhost/api/v1/sku-versions/x/test-launch",
    status: 403,
  },
  "api/v1/deployments#GET": {
    // A SKU's test launches are the provider's; Globex's admin sees none of them.
    as: "grace@globex.example",
    params: {},
    url: "http://localhost/api/v1/deployments?skuId=x&testLaunches=true",
    status: 403,
  },
  get "api/v1/skus/[skuId]/launch-capacity#GET"(): RouteProbe {
    const url = `http://localhost/api/v1/skus/${acmeOnlySkuId}/launch-capacity`;
    return { as: "grace@globex.example", params: { skuId: acmeOnlySkuId }, url, status: 404 };
  },
  "api/v1/skus/[skuId]/sandbox-capacity#GET": {
    as: "grace@globex.example",
    params: { skuId: "x" },
    url: "http://localhost/api/v1/skus/x/sandbox-capacity",
    status: 403,
  },
  "api/v1/deployments/[deploymentId]#GET": {
    as: "grace@globex.example",
    params: { deploymentId: ACME_DEPLOYMENT },
    url: `http://localhost/api/v1/deployments/${ACME_DEPLOYMENT}`,
    status: 404,
  },
};

/** How many `expect` calls `check` made: a probe that asserts nothing proves nothing. */
async function assertionsOf(check: () => Promise<void>): Promise<number> {
  const before = expect.getState().assertionCalls;
  await check();
  return expect.getState().assertionCalls - before;
}

let seeded: SeededDatabase;
let ids: Ids;
let actions: Map<string, Action>;
let routes: Map<string, RouteHandler>;
let runAs: typeof import("@/server/auth/caller").runAs;

beforeAll(async () => {
  seeded = await createSeededDatabase();
  process.env.DATABASE_URL = seeded.url;
  ids = await demoIds(seeded.db);
  const cluster = await seeded.db.cluster.create({ data: { name: "probe", connection: "SIMULATED" } });
  await insertDeployment(seeded.db, cluster.id, "app", (spec) => {
    spec.deploymentId = ACME_DEPLOYMENT;
  });
  probeClusterId = cluster.id;
  acmeOnlySkuId = (await seeded.db.sku.findUniqueOrThrow({ where: { slug: ACME_ONLY_SKU } })).id;
  const inference = { orgId_slug: { orgId: ids.globex.id, slug: "inference" } };
  globexInferenceId = (await seeded.db.project.findUniqueOrThrow({ where: inference })).id;
  const alice = await seeded.db.user.findUniqueOrThrow({ where: { email: "alice@acme.example" } });
  await seeded.db.apiToken.create({
    data: {
      id: ACME_TOKEN,
      orgId: ids.acme.id,
      ownerId: alice.id,
      name: "acme ci",
      scope: "ORG_ADMIN",
      secretHash: "0".repeat(64),
      prefix: "ptk_acme00",
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  ({ runAs } = await import("@/server/auth/caller"));
  actions = await discoverActions();
  routes = await discoverRoutes();
});

afterAll(async () => {
  const { db } = await import("@/server/db/client");
  await db().$disconnect();
  await seeded?.close();
});

const userId = async (email: string) => (await seeded.db.user.findUniqueOrThrow({ where: { email } })).id;

describe("server actions", () => {
  it("are found on disk", () => {
    expect(actions.size).toBeGreaterThanOrEqual(Object.keys(PROBES).length);
  });

  it('include no inline "use server" function (the scan finds one in a fixture, none in the tree)', () => {
    const fixture = `"use client";\n// "use server" in a comment is no directive\nexport default function Page() {
  async function save() {\n    "use server";\n  }\n  return <form action={save} />;\n}`;
    expect(inlineServerFunctions(fixture)).toEqual([4]);
    expect(inlineServerFunctions(`"use server";\nexport async function a() {}`)).toEqual([]);
    expect(inlineServerFunctionsOnDisk(), "inline server functions need probes").toEqual([]);
  });

  it("fail a probe whose check asserts nothing", async () => {
    expect(await assertionsOf(async () => {})).toBe(0);
    expect(await assertionsOf(() => refused("forbidden")({ ok: false, error: { code: "forbidden" } }))).toBe(1);
  });

  it("refuse anonymous callers, whatever the input", async () => {
    for (const [id, action] of actions) {
      if (PUBLIC_ACTIONS.has(id)) continue;
      const result = await runAs({ userId: null }, () => action({ anything: "goes" }));
      expect(result, id).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    }
  });

  it("each have a cross-tenant probe", () => {
    const protectedIds = [...actions.keys()].filter((id) => !PUBLIC_ACTIONS.has(id));
    expect(
      protectedIds.filter((id) => !PROBES[id]),
      "actions without a probe",
    ).toEqual([]);
  });

  it("refuse or confine callers from another organization", async () => {
    for (const [id, probe] of Object.entries(PROBES)) {
      const action = actions.get(id);
      expect(action, `probe for missing action ${id}`).toBeDefined();
      const result = await runAs({ userId: await userId(probe.as) }, () => action!(probe.input(ids)));
      expect(
        await assertionsOf(() => probe.check(result, ids, seeded.db)),
        `${id}'s check asserts nothing`,
      ).toBeGreaterThan(0);
    }
  });
});

describe("route handlers", () => {
  it("are found on disk, in every form Next serves", () => {
    expect([...routes.keys()]).toContain("api/health#GET");
    const served = ["route.ts", "route.tsx", "route.js", "sitemap.ts", "robots.ts", "manifest.ts", "icon.tsx"];
    expect(served.concat("opengraph-image.tsx", "apple-icon1.tsx").filter((name) => !isRouteFile(name))).toEqual([]);
    expect(["page.tsx", "layout.tsx", "route-guards.ts"].filter(isRouteFile)).toEqual([]);
  });

  it("refuse anonymous callers", async () => {
    for (const [id, handler] of routes) {
      if (PUBLIC_ROUTES.has(id)) continue;
      const response = await runAs({ userId: null }, () =>
        handler(new Request("http://localhost/probe", { method: methodOf(id) }), { params: Promise.resolve({}) }),
      );
      expect(response.status, id).toBe(401);
    }
  });

  it("each have a cross-tenant probe", () => {
    const protectedIds = [...routes.keys()].filter((id) => !PUBLIC_ROUTES.has(id));
    expect(
      protectedIds.filter((id) => !ROUTE_PROBES[id]),
      "routes without a probe",
    ).toEqual([]);
  });

  it("refuse callers from another organization", async () => {
    for (const [id, probe] of Object.entries(ROUTE_PROBES)) {
      const handler = routes.get(id);
      expect(handler, `probe for missing route ${id}`).toBeDefined();
      const response = await runAs({ userId: await userId(probe.as) }, () =>
        handler!(new Request(probe.url, { method: methodOf(id) }), { params: Promise.resolve(probe.params) }),
      );
      expect(response.status, id).toBe(probe.status);
    }
  });
});

describe("route handlers called with an API token", () => {
  it("refuse a token of another organization's admin just as its session", async () => {
    const { createApiToken } = await import("@/server/services/api-tokens/create-api-token");
    const grace = await callerOf(seeded.db, { email: "grace@globex.example" });
    const { secret } = await createApiToken(seeded.db, grace, { name: "probe", scope: "org-admin", expiresInDays: 1 });
    const probes = Object.entries(ROUTE_PROBES).filter(([id]) => id.startsWith("api/v1/"));
    expect(probes.length).toBeGreaterThan(0);
    for (const [id, probe] of probes) {
      const headers = { Authorization: `Bearer ${secret}` };
      const response = await runAs({ userId: null }, () =>
        routes.get(id)!(new Request(probe.url, { method: methodOf(id), headers }), {
          params: Promise.resolve(probe.params),
        }),
      );
      expect(response.status, id).toBe(probe.status);
    }
  });
});

describe("pages", () => {
  it("each check access on the server", () => {
    const pages = filesUnder("app", (name) => name === "page.tsx");
    const unguarded = pages.filter((file) => {
      const source = fs.readFileSync(file, "utf8");
      return !/requirePageAccess\(|placeholderRoute\(|getCaller\(\)/.test(source);
    });
    expect(unguarded.map((file) => path.relative(ROOT, file))).toEqual([]);
  });
});
