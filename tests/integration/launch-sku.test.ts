// A member launches what is shared with them, into a project it is shared with, within quota and the
// SKU's limits, on a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import type { TenantCaller } from "@/server/authz";
import { launchCapacity } from "@/server/services/deployments/launch-capacity";
import { setDesired } from "@/server/services/deployments/set-desired";
import { launchAs, seedProject } from "../builders";
import { callerOf } from "../support/actors";
import { appErrorOf } from "../support/app-errors";
import { closeProcessDatabase, createProcessDatabase, type SeededDatabase } from "../support/seeded-database";

let seeded: SeededDatabase;
let clusterId: string;

/** A demo account as its requests see it. */
const callerFor = (name: keyof typeof DEMO_ACCOUNTS) => callerOf(seeded.db, DEMO_ACCOUNTS[name]);
const projectId = async (org: string, slug: string) =>
  (await seeded.db.project.findFirstOrThrow({ where: { slug, org: { slug: org } } })).id;

beforeAll(async () => {
  seeded = await createProcessDatabase();
  clusterId = (await seeded.db.cluster.create({ data: { name: "gpu-east", connection: "SIMULATED" } })).id;
});

afterAll(() => closeProcessDatabase(seeded));

describe("launching from the marketplace", () => {
  it("launches a shared SKU with the member's values, on the version published, audited", async () => {
    const bob = await callerFor("bob");
    const { deploymentId } = await launchAs(seeded.db, bob, {
      sku: "dev-pod-small",
      clusterId,
      name: "Bob's box",
      values: { "compute.persistentGiB": 300 },
    });
    const row = await seeded.db.deployment.findUniqueOrThrow({
      where: { id: deploymentId },
      include: { skuVersion: true },
    });
    expect(row).toMatchObject({
      orgId: bob.org.id,
      createdById: bob.userId,
      testLaunch: false,
      gpuMillis: 1000,
      skuVersion: { state: "PUBLISHED" },
    });
    expect((row.spec as { storage: { persistentGiB: number } }).storage.persistentGiB).toBe(300);
    const audit = await seeded.db.auditEvent.findFirstOrThrow({
      where: { action: "deployment.launch", targetId: deploymentId },
    });
    expect(audit.orgId).toBe(bob.org.id);
  });

  it("refuses a SKU not shared with the org, another org's project, and a project it is not shared with", async () => {
    const hank = await callerFor("hank");
    const bob = await callerFor("bob");
    const before = await seeded.db.deployment.count();
    // dev-pod-large is Acme's only: for Globex it does not exist.
    expect(await appErrorOf(launchAs(seeded.db, hank, { sku: "dev-pod-large", clusterId }))).toMatchObject({
      code: "not_found",
    });
    // A shared SKU aimed at another org's project.
    const acmeResearch = await projectId("acme", "research");
    const intoAcme = launchAs(seeded.db, hank, { sku: "dev-pod-small", projectId: acmeResearch, clusterId });
    expect(await appErrorOf(intoAcme)).toMatchObject({ fields: { projectId: { key: "unknownProject" } } });
    // The model is shared with Acme's research project only.
    const prod = await seedProject(seeded.db, bob.org, { slug: "prod", name: "Prod" });
    const intoProd = launchAs(seeded.db, bob, { sku: "qwen2-5-7b-instruct", projectId: prod.id, clusterId });
    expect(await appErrorOf(intoProd)).toMatchObject({ fields: { projectId: { key: "projectNotShared" } } });
    expect(await seeded.db.deployment.count()).toBe(before);
  });

  it("holds the project's GPU quota and the SKU's instances per user, and shows both before launch", async () => {
    const [alice, carol] = [await callerFor("alice"), await callerFor("carol")];
    const research = await projectId("acme", "research");
    const launch = (caller: TenantCaller) =>
      launchAs(seeded.db, caller, { sku: "dev-pod-large", clusterId, name: "big" });
    await launch(carol); // 4 H100 of research's 8 (bob already holds 1)
    expect(await appErrorOf(launch(alice))).toMatchObject({
      code: "quota_exceeded",
      fields: { "compute.gpu.count": { key: "gpuQuota", values: { quota: 8, used: 5, asked: 4 } } },
    });
    const capacity = await launchCapacity(seeded.db, alice.org.id, [research], ["NVIDIA-H100-80GB-HBM3"]);
    expect(capacity.quotas[research]!["NVIDIA-H100-80GB-HBM3"]).toEqual({
      projectLimit: 8,
      projectUsed: 5,
      orgLimit: 16,
      orgUsed: 5,
    });

    const smallLaunch = () => launchAs(seeded.db, carol, { sku: "dev-pod-small", clusterId, name: "small" });
    await smallLaunch();
    await smallLaunch();
    expect(await appErrorOf(smallLaunch())).toMatchObject({
      code: "quota_exceeded",
      fields: { _: { key: "maxPerUser" } },
    });
  });

  it("lets only its launcher or an org admin stop it and start it again with a fresh maximum runtime", async () => {
    const [bob, carol, alice, hank] = await Promise.all([
      callerFor("bob"),
      callerFor("carol"),
      callerFor("alice"),
      callerFor("hank"),
    ]);
    const { deploymentId } = await launchAs(seeded.db, bob, { sku: "dev-pod-small", clusterId, name: "stoppable" });
    const launched = await seeded.db.deployment.findUniqueOrThrow({ where: { id: deploymentId } });
    // dev-pod-small: 24 hours
    expect(launched.stopAt!.getTime() - launched.createdAt.getTime()).toBeCloseTo(24 * 3_600_000, -4);

    expect(await appErrorOf(setDesired(seeded.db, carol, { deploymentId, desired: "STOPPED" }))).toMatchObject({
      code: "forbidden",
    });
    expect(await appErrorOf(setDesired(seeded.db, hank, { deploymentId, desired: "STOPPED" }))).toMatchObject({
      code: "not_found",
    });
    await setDesired(seeded.db, bob, { deploymentId, desired: "STOPPED" });
    expect(await seeded.db.deployment.findUniqueOrThrow({ where: { id: deploymentId } })).toMatchObject({
      desired: "STOPPED",
      stopAt: null,
    });
    const before = Date.now();
    await setDesired(seeded.db, alice, { deploymentId, desired: "RUNNING" });
    const restarted = await seeded.db.deployment.findUniqueOrThrow({ where: { id: deploymentId } });
    expect(restarted.desired).toBe("RUNNING");
    expect(restarted.stopAt!.getTime()).toBeGreaterThanOrEqual(before + 24 * 3_600_000);
    const actions = (await seeded.db.auditEvent.findMany({ where: { targetId: deploymentId } }))
      .map((a) => a.action)
      .sort();
    expect(actions).toEqual(["deployment.launch", "deployment.start", "deployment.stop"]);
  });
});
