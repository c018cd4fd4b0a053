// A member launches what is shared with them, into a project it is shared with, within quota and the
// SKU's limits, on a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeededDatabase, type SeededDatabase } from "../support/seeded-database";

const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTestsOnly0123456789abcdefABCDEFGHIJ bob@acme.example";

let seeded: SeededDatabase;
let clusterId: string;
let launchSku: typeof import("@/server/services/deployments/launch-sku").launchSku;
let launchCapacity: typeof import("@/server/services/deployments/launch-capacity").launchCapacity;
let loadCaller: typeof import("@/server/auth/caller").loadCaller;
let setDesired: typeof import("@/server/services/deployments/set-desired").setDesired;

async function callerOf(email: string) {
  const user = await seeded.db.user.findUniqueOrThrow({ where: { email } });
  const caller = await loadCaller(user.id);
  return { ...caller!, org: caller!.org!, role: caller!.role! };
}

const skuId = async (slug: string) => (await seeded.db.sku.findUniqueOrThrow({ where: { slug } })).id;
const projectId = async (org: string, slug: string) => (await seeded.db.project.findFirstOrThrow({ where: { slug, org: { slug: org } } })).id;
const failureOf = async (promise: Promise<unknown>) => promise.then(() => null, (error: { code?: string; fields?: unknown }) => ({ code: error.code, fields: error.fields }));

beforeAll(async () => {
  seeded = await createSeededDatabase();
  process.env.DATABASE_URL = seeded.url;
  clusterId = (await seeded.db.cluster.create({ data: { name: "gpu-east", connection: "SIMULATED" } })).id;
  ({ launchSku } = await import("@/server/services/deployments/launch-sku"));
  ({ launchCapacity } = await import("@/server/services/deployments/launch-capacity"));
  ({ loadCaller } = await import("@/server/auth/caller"));
  ({ setDesired } = await import("@/server/services/deployments/set-desired"));
});

afterAll(async () => {
  const { db } = await import("@/server/db/client");
  await db().$disconnect();
  await seeded?.close();
});

describe("launching from the marketplace", () => {
  it("launches a shared SKU with the member's values, on the version published, audited", async () => {
    const bob = await callerOf("bob@acme.example");
    const { deploymentId } = await launchSku(seeded.db, bob, {
      skuId: await skuId("dev-pod-small"), projectId: await projectId("acme", "research"), clusterId, name: "Bob's box", values: { "compute.persistentGiB": 300 }, sshPublicKey: SSH_KEY,
    });
    const row = await seeded.db.deployment.findUniqueOrThrow({ where: { id: deploymentId }, include: { skuVersion: true } });
    expect(row).toMatchObject({ orgId: bob.org.id, createdById: bob.userId, testLaunch: false, gpuMillis: 1000, skuVersion: { state: "PUBLISHED" } });
    expect((row.spec as { storage: { persistentGiB: number } }).storage.persistentGiB).toBe(300);
    const audit = await seeded.db.auditEvent.findFirstOrThrow({ where: { action: "deployment.launch", targetId: deploymentId } });
    expect(audit.orgId).toBe(bob.org.id);
  });

  it("refuses what is not shared with the org, a project of another org, and a project the SKU is not shared with", async () => {
    const hank = await callerOf("hank@globex.example");
    const bob = await callerOf("bob@acme.example");
    const before = await seeded.db.deployment.count();
    // dev-pod-large is Acme's only: for Globex it does not exist.
    expect(await failureOf(launchSku(seeded.db, hank, { skuId: await skuId("dev-pod-large"), projectId: await projectId("globex", "inference"), clusterId, name: "x", values: {}, sshPublicKey: SSH_KEY })))
      .toMatchObject({ code: "not_found" });
    // A shared SKU aimed at another org's project.
    expect(await failureOf(launchSku(seeded.db, hank, { skuId: await skuId("dev-pod-small"), projectId: await projectId("acme", "research"), clusterId, name: "x", values: {}, sshPublicKey: SSH_KEY })))
      .toMatchObject({ fields: { projectId: { key: "unknownProject" } } });
    // The model is shared with Acme's research project only.
    const acme = await seeded.db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
    const prod = await seeded.db.project.create({ data: { orgId: acme.id, slug: "prod", name: "Prod" } });
    expect(await failureOf(launchSku(seeded.db, bob, { skuId: await skuId("qwen2-5-7b-instruct"), projectId: prod.id, clusterId, name: "x", values: {} })))
      .toMatchObject({ fields: { projectId: { key: "projectNotShared" } } });
    expect(await seeded.db.deployment.count()).toBe(before);
  });

  it("holds the project's GPU quota and the SKU's instances per user, and shows both before launch", async () => {
    const [alice, carol] = [await callerOf("alice@acme.example"), await callerOf("carol@acme.example")];
    const research = await projectId("acme", "research");
    const large = await skuId("dev-pod-large");
    const launch = (caller: typeof alice) => launchSku(seeded.db, caller, { skuId: large, projectId: research, clusterId, name: "big", values: {}, sshPublicKey: SSH_KEY });
    await launch(carol); // 4 H100 of research's 8 (bob already holds 1)
    expect(await failureOf(launch(alice))).toMatchObject({ code: "quota_exceeded", fields: { "compute.gpu.count": { key: "gpuQuota", values: { quota: 8, used: 5, asked: 4 } } } });
    const capacity = await launchCapacity(seeded.db, alice.org.id, [research], ["NVIDIA-H100-80GB-HBM3"]);
    expect(capacity.quotas[research]!["NVIDIA-H100-80GB-HBM3"]).toEqual({ projectLimit: 8, projectUsed: 5, orgLimit: 16, orgUsed: 5 });

    const small = await skuId("dev-pod-small");
    const smallLaunch = () => launchSku(seeded.db, carol, { skuId: small, projectId: research, clusterId, name: "small", values: {}, sshPublicKey: SSH_KEY });
    await smallLaunch();
    await smallLaunch();
    expect(await failureOf(smallLaunch())).toMatchObject({ code: "quota_exceeded", fields: { _: { key: "maxPerUser" } } });
  });

  it("lets whoever launched it, or an org admin, stop and start it again with a fresh maximum runtime; no one else", async () => {
    const [bob, carol, alice, hank] = await Promise.all([callerOf("bob@acme.example"), callerOf("carol@acme.example"), callerOf("alice@acme.example"), callerOf("hank@globex.example")]);
    const acmeIds = { skuId: await skuId("dev-pod-small"), projectId: await projectId("acme", "research") };
    const { deploymentId } = await launchSku(seeded.db, bob, { ...acmeIds, clusterId, name: "stoppable", values: {}, sshPublicKey: SSH_KEY });
    const launched = await seeded.db.deployment.findUniqueOrThrow({ where: { id: deploymentId } });
    expect(launched.stopAt!.getTime() - launched.createdAt.getTime()).toBeCloseTo(24 * 3_600_000, -4); // dev-pod-small: 24 hours

    expect(await failureOf(setDesired(seeded.db, carol, { deploymentId, desired: "STOPPED" }))).toMatchObject({ code: "forbidden" });
    expect(await failureOf(setDesired(seeded.db, hank, { deploymentId, desired: "STOPPED" }))).toMatchObject({ code: "not_found" });
    await setDesired(seeded.db, bob, { deploymentId, desired: "STOPPED" });
    expect(await seeded.db.deployment.findUniqueOrThrow({ where: { id: deploymentId } })).toMatchObject({ desired: "STOPPED", stopAt: null });
    const before = Date.now();
    await setDesired(seeded.db, alice, { deploymentId, desired: "RUNNING" });
    const restarted = await seeded.db.deployment.findUniqueOrThrow({ where: { id: deploymentId } });
    expect(restarted.desired).toBe("RUNNING");
    expect(restarted.stopAt!.getTime()).toBeGreaterThanOrEqual(before + 24 * 3_600_000);
    const actions = (await seeded.db.auditEvent.findMany({ where: { targetId: deploymentId } })).map((a) => a.action).sort();
    expect(actions).toEqual(["deployment.launch", "deployment.start", "deployment.stop"]);
  });
});
