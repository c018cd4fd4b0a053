// One probe per access level through the request path the portal serves: a signed next-auth session
// cookie, read by getServerSession inside Next's own request store (no runAs), with the active-org cookie
// of a user who belongs to two organizations deciding which one they act in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertDeployment } from "../builders/deployments";
import { type Action, discoverActions, discoverRoutes, type RouteHandler } from "../support/endpoints";
import { closeProcessDatabase, createProcessDatabase, demoIds, type SeededDatabase } from "../support/seeded-database";
import { browserRequest, inRequest, sessionCookie, useSessionSecret } from "../support/session-request";

const ACME_DEPLOYMENT = "cacmedeployment0000000002";
/** Org admin of Globex and plain member of Acme. */
const TWO_ORGS = "dana@globex.example";

let seeded: SeededDatabase;
let ids: Awaited<ReturnType<typeof demoIds>>;
let actions: Map<string, Action>;
let routes: Map<string, RouteHandler>;
let dana = "";

beforeAll(async () => {
  useSessionSecret();
  seeded = await createProcessDatabase();
  ids = await demoIds(seeded.db);
  const cluster = await seeded.db.cluster.create({ data: { name: "probe", connection: "SIMULATED" } });
  await insertDeployment(seeded.db, cluster.id, "app", (spec) => {
    spec.deploymentId = ACME_DEPLOYMENT;
  });
  const memberships = { create: [{ orgId: ids.globex.id, role: "ORG_ADMIN" as const }] };
  dana = (await seeded.db.user.create({ data: { email: TWO_ORGS, name: "Dana", memberships } })).id;
  await seeded.db.membership.create({ data: { userId: dana, orgId: ids.acme.id, role: "MEMBER" } });
  actions = await discoverActions();
  routes = await discoverRoutes();
});

afterAll(() => closeProcessDatabase(seeded));

const userId = async (email: string) => (await seeded.db.user.findUniqueOrThrow({ where: { email } })).id;

/** Calls an action as the portal would for a POST from one of its pages with this cookie. */
async function act(id: string, cookie: string, input: unknown) {
  const action = actions.get(id);
  if (!action) throw new Error(`no action ${id}`);
  return inRequest(browserRequest("/", cookie, { method: "POST" }), () => action(input));
}

/** Sends a request to a route handler as the portal would, with this cookie. */
async function send(id: string, url: string, cookie: string, params: Record<string, string> = {}) {
  const handler = routes.get(id);
  if (!handler) throw new Error(`no route ${id}`);
  const request = browserRequest(url, cookie, { method: id.split("#")[1] });
  return inRequest(request, () => handler(request, { params: Promise.resolve(params) }));
}

const as = async (email: string | null, orgId?: string) => sessionCookie(email && (await userId(email)), orgId);

describe("the real request path", () => {
  it("public: health and choosing a language answer without a session", async () => {
    expect((await send("api/health#GET", "/api/health", "")).status).toBe(200);
    expect(await act("session/choose-locale#chooseLocale", "", { locale: "fr" })).toMatchObject({ ok: true });
  });

  it("refuses a forged session cookie as anonymous", async () => {
    const forged = `next-auth.session-token=${"x".repeat(40)}`;
    expect((await send("api/v1/skus#GET", "/api/v1/skus", forged)).status).toBe(401);
  });

  it("signed-in: switching organization works only into one's own", async () => {
    const id = "session/switch-organization#switchOrganization";
    expect(await act(id, "", { orgId: ids.acme.id })).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect(await act(id, await as(TWO_ORGS), { orgId: ids.acme.id })).toMatchObject({ ok: true });
    const grace = await as("grace@globex.example");
    expect(await act(id, grace, { orgId: ids.acme.id })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("member: an Acme deployment is seen only while acting in Acme", async () => {
    const id = "api/v1/deployments/[deploymentId]#GET";
    const url = `/api/v1/deployments/${ACME_DEPLOYMENT}`;
    const params = { deploymentId: ACME_DEPLOYMENT };
    expect((await send(id, url, "", params)).status).toBe(401);
    expect((await send(id, url, await as(TWO_ORGS, ids.globex.id), params)).status).toBe(404);
    expect((await send(id, url, await as("hank@globex.example"), params)).status).toBe(404);
    expect((await send(id, url, await as(TWO_ORGS, ids.acme.id), params)).status).toBe(200);
  });

  it("org-admin: the role counts in the org one acts in, and only there", async () => {
    const id = "org/remove-member#removeMember";
    const input = { membershipId: ids.bobAtAcme.id };
    // Admin of Globex acting in Acme, where they are a member only.
    const inAcme = await act(id, await as(TWO_ORGS, ids.acme.id), input);
    expect(inAcme).toMatchObject({ ok: false, error: { code: "forbidden" } });
    // Acting in Globex, Acme's membership does not exist.
    const inGlobex = await act(id, await as(TWO_ORGS, ids.globex.id), input);
    expect(inGlobex).toMatchObject({ ok: false, error: { code: "not_found" } });
    // An active-org cookie naming an org they are not in falls back to their own.
    const forged = await act(id, await as("grace@globex.example", ids.acme.id), input);
    expect(forged).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await seeded.db.membership.findUnique({ where: { id: ids.bobAtAcme.id } })).not.toBeNull();
  });

  it("platform-admin: the provider's admin reads the SKU API, a customer's admin does not", async () => {
    expect((await send("api/v1/skus#GET", "/api/v1/skus", await as("admin@portico.example"))).status).toBe(200);
    expect((await send("api/v1/skus#GET", "/api/v1/skus", await as("grace@globex.example"))).status).toBe(403);
    const create = "admin/create-organization#createOrganization";
    const refused = await act(create, await as(TWO_ORGS), { name: "Evil", slug: "evil" });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await seeded.db.organization.count({ where: { slug: "evil" } })).toBe(0);
  });
});
