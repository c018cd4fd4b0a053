// SKU Studio's test launch: a SKU version becomes a deployment in the provider's sandbox, which the real
// controller brings up on the simulated cluster (real client-node over loopback), on a real PostgreSQL.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { templateById, templateSpec } from "@/lib/skus/templates";
import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import { DeploymentController } from "@/server/cluster/controller/controller";
import { deploymentManifests } from "@/server/cluster/controller/deployment-manifests";
import { ClusterDriver } from "@/server/cluster/driver/driver";
import { type SimulatedCluster, startSimulatedCluster } from "@/server/cluster/sim";
import { parseKey } from "@/server/security/secret-box";
import type { Actor } from "@/server/services/audit/record-audit";
import { secretEnvOpener } from "@/server/services/deployments/secret-env";
import { seedSku, TEST_SSH_KEY } from "../builders";
import { callerOf, platformAdminOf } from "../support/actors";
import { appErrorOf } from "../support/app-errors";
import { closeProcessDatabase, createProcessDatabase, type SeededDatabase } from "../support/seeded-database";

const KEY = randomBytes(32).toString("base64");

let seeded: SeededDatabase;
let sim: SimulatedCluster;
let clusterId: string;
let admin: Actor;
let controller: DeploymentController;
let services: {
  testLaunch: typeof import("@/server/services/skus/test-launch").testLaunch;
  createSku: typeof import("@/server/services/skus/author-sku").createSku;
  saveDraft: typeof import("@/server/services/skus/author-sku").saveDraft;
  publishVersion: typeof import("@/server/services/skus/author-sku").publishVersion;
  deploymentStatus: typeof import("@/server/services/deployments/deployment-status").deploymentStatus;
  deleteDeployment: typeof import("@/server/services/deployments/delete-deployment").deleteDeployment;
};

async function publishedVersionOf(slug: string) {
  return seeded.db.skuVersion.findFirstOrThrow({ where: { sku: { slug }, state: "PUBLISHED" } });
}

async function untilPhase(deploymentId: string, phase: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await controller.reconcileOnce();
    const row = await seeded.db.deployment.findUniqueOrThrow({ where: { id: deploymentId } });
    if (row.phase === phase) return row;
    if (Date.now() > deadline) throw new Error(`deployment is ${row.phase}, not ${phase}: ${row.phaseMessage}`);
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the simulated kubelet and watches move
  }
}

/** A draft of dev-pod-small without its per-user limit, so quota tests can launch it many times. */
const unlimitedGpuPod = () =>
  seedSku(seeded.db, {
    edit: (spec) => {
      spec.basics.name = "gpu-box";
      spec.policies = {};
    },
    overrides: [],
    published: false,
  });

beforeAll(async () => {
  seeded = await createProcessDatabase();
  process.env.PORTICO_ENCRYPTION_KEY = KEY;
  sim = await startSimulatedCluster({
    delays: { imagePullMs: 20, startMs: 10, terminateMs: 10, bindPvcMs: 10, loadBalancerMs: 10 },
  });
  clusterId = (await seeded.db.cluster.create({ data: { name: "sim", connection: "SIMULATED" } })).id;
  admin = await platformAdminOf(seeded.db);
  services = {
    testLaunch: (await import("@/server/services/skus/test-launch")).testLaunch,
    ...(await import("@/server/services/skus/author-sku")),
    deploymentStatus: (await import("@/server/services/deployments/deployment-status")).deploymentStatus,
    deleteDeployment: (await import("@/server/services/deployments/delete-deployment")).deleteDeployment,
  };
  controller = new DeploymentController({
    db: seeded.db,
    clusterId,
    driver: new ClusterDriver(sim.kubeConfig),
    build: (deployment) => deploymentManifests(seeded.db, deployment, secretEnvOpener(parseKey(KEY))),
  });
  await controller.start();
});

afterAll(async () => {
  await controller?.stop();
  await sim?.close();
  await closeProcessDatabase(seeded);
});

describe("test launch", () => {
  it("brings a Developer Pod SKU up in the sandbox with the chosen values, then deletes it", async () => {
    const version = await publishedVersionOf("dev-pod-small");
    const { deploymentId } = await services.testLaunch(seeded.db, admin, {
      versionId: version.id,
      clusterId,
      values: { "compute.persistentGiB": 200 },
      sshPublicKey: TEST_SSH_KEY,
    });
    const row = await untilPhase(deploymentId, "running");
    expect(row).toMatchObject({
      testLaunch: true,
      skuVersionId: version.id,
      gpuModel: "NVIDIA-H100-80GB-HBM3",
      gpuMillis: 1000,
    });
    const sandbox = await seeded.db.project.findFirstOrThrow({ where: { slug: "sandbox", org: { kind: "PROVIDER" } } });
    expect(row.projectId).toBe(sandbox.id);
    const [claim] = sim.store.list("persistentvolumeclaims") as {
      spec: { resources: { requests: { storage: string } } };
    }[];
    expect(claim?.spec.resources.requests.storage).toBe("200Gi");

    const caller = await callerOf(seeded.db, DEMO_ACCOUNTS.admin);
    const status = await services.deploymentStatus(seeded.db, caller, deploymentId);
    expect(status).toMatchObject({ phase: "running", skuVersion: { number: version.number } });
    expect(status.events.map((e) => e.reason)).toContain("Running");
    // Another tenant learns nothing about it.
    const hank = await callerOf(seeded.db, DEMO_ACCOUNTS.hank);
    expect(await appErrorOf(services.deploymentStatus(seeded.db, hank, deploymentId))).toMatchObject({
      code: "not_found",
    });
    expect(await appErrorOf(services.deleteDeployment(seeded.db, hank, { deploymentId }))).toMatchObject({
      code: "not_found",
    });

    await services.deleteDeployment(seeded.db, caller, { deploymentId });
    await untilPhase(deploymentId, "deleted");
    expect(sim.store.count("statefulsets.apps")).toBe(0);
    expect(sim.store.count("persistentvolumeclaims")).toBe(0);
    const audit = await seeded.db.auditEvent.findMany({
      where: { action: { in: ["sku.testLaunch", "deployment.delete"] } },
    });
    expect(audit.map((a) => a.action).sort()).toEqual(["deployment.delete", "sku.testLaunch"]);
  });

  it("refuses out-of-bounds values, a keyless dev pod, any cluster but the pinned one, writing nothing", async () => {
    const version = await publishedVersionOf("dev-pod-small");
    const before = await seeded.db.deployment.count();
    const launch = (
      values: Record<string, string | number>,
      extra: { sshPublicKey?: string; clusterId?: string } = {},
    ) =>
      appErrorOf(
        services.testLaunch(seeded.db, admin, {
          versionId: version.id,
          clusterId,
          values,
          sshPublicKey: TEST_SSH_KEY,
          ...extra,
        }),
      );
    expect(await launch({ "compute.persistentGiB": 75 })).toMatchObject({
      code: "validation",
      fields: { "compute.persistentGiB": { key: "step" } },
    });
    expect(await launch({ "compute.cpu": 64 })).toMatchObject({
      code: "validation",
      fields: { "compute.cpu": { key: "notOverridable" } },
    });
    expect(await launch({}, { sshPublicKey: "" })).toMatchObject({
      code: "validation",
      fields: { sshPublicKey: { key: "required" } },
    });
    expect(await launch({}, { sshPublicKey: 'ssh-ed25519 AAAA\ncommand="sh" ssh-rsa AAAA' })).toMatchObject({
      fields: { sshPublicKey: { key: "sshPublicKey" } },
    });
    expect(await launch({}, { clusterId: "c0000000000000000000000" })).toMatchObject({
      fields: { clusterId: { key: "unknownCluster" } },
    });
    expect(await seeded.db.deployment.count()).toBe(before);
  });

  it("holds GPU quota race-free: of 6 parallel one-H100 launches into a sandbox with 4, exactly 4 land", async () => {
    const { versionId } = await unlimitedGpuPod();
    const launches = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        services.testLaunch(seeded.db, admin, { versionId, clusterId, values: {}, sshPublicKey: TEST_SSH_KEY }),
      ),
    );
    const refused = launches
      .filter((l) => l.status === "rejected")
      .map((l) => (l as PromiseRejectedResult).reason as { code: string; fields: Record<string, { key: string }> });
    expect(launches.filter((l) => l.status === "fulfilled")).toHaveLength(4);
    expect(refused.map((r) => [r.code, r.fields["compute.gpu.count"]?.key])).toEqual([
      ["quota_exceeded", "gpuQuota"],
      ["quota_exceeded", "gpuQuota"],
    ]);
    const held = await seeded.db.deployment.aggregate({
      where: { testLaunch: true, desired: { not: "DELETED" } },
      _sum: { gpuMillis: true },
    });
    expect(held._sum.gpuMillis).toBe(4000);
    const caller = await callerOf(seeded.db, DEMO_ACCOUNTS.admin);
    for (const launch of launches)
      if (launch.status === "fulfilled")
        await services.deleteDeployment(seeded.db, caller, { deploymentId: launch.value.deploymentId });
  });

  it("lets the provider set the sandbox's GPU quota, for its org and sandbox project together, audited", async () => {
    const { setSandboxQuota } = await import("@/server/services/quotas/set-sandbox-quota");
    const L40S = "NVIDIA-L40S";
    await setSandboxQuota(seeded.db, admin, { gpuModel: L40S, maxGpus: 6 });
    const sandbox = await seeded.db.project.findFirstOrThrow({ where: { slug: "sandbox", org: { kind: "PROVIDER" } } });
    expect(
      (await seeded.db.projectGpuQuota.findFirstOrThrow({ where: { projectId: sandbox.id, gpuModel: L40S } })).maxGpus,
    ).toBe(6);
    expect(
      (await seeded.db.orgGpuQuota.findFirstOrThrow({ where: { orgId: sandbox.orgId, gpuModel: L40S } })).maxGpus,
    ).toBe(6);
    await setSandboxQuota(seeded.db, admin, { gpuModel: L40S, maxGpus: 0 });
    expect(await seeded.db.projectGpuQuota.count({ where: { projectId: sandbox.id, gpuModel: L40S } })).toBe(0);
    const audit = await seeded.db.auditEvent.findMany({ where: { action: "quota.sandbox.set" } });
    expect(audit.map((a) => a.changes)).toHaveLength(2);
    expect(audit.map((a) => a.changes)).toEqual(
      expect.arrayContaining([{ "gpu:NVIDIA-L40S": { from: 2, to: 6 } }, { "gpu:NVIDIA-L40S": { from: 6, to: 0 } }]),
    );
  });

  it("holds the SKU's limit of instances per user (dev-pod-small: 2)", async () => {
    const version = await publishedVersionOf("dev-pod-small");
    const caller = await callerOf(seeded.db, DEMO_ACCOUNTS.admin);
    const launch = () =>
      services.testLaunch(seeded.db, admin, {
        versionId: version.id,
        clusterId,
        values: {},
        sshPublicKey: TEST_SSH_KEY,
      });
    const first = await launch();
    const second = await launch();
    expect(await appErrorOf(launch())).toMatchObject({
      code: "quota_exceeded",
      fields: { _: { key: "maxPerUser", values: { limit: 2 } } },
    });
    // A deleted one no longer counts.
    await services.deleteDeployment(seeded.db, caller, first);
    const third = await launch();
    for (const d of [second, third]) await services.deleteDeployment(seeded.db, caller, d);
  });

  it("holds a customer project's 8-GPU quota across processes: of 10 parallel one-H100 launches, 8 land", async () => {
    const { createDeploymentIn } = await import("@/server/services/deployments/create-deployment");
    const { openDatabase } = await import("@/server/db/client");
    const acme = await seeded.db.organization.findUniqueOrThrow({
      where: { slug: "acme" },
      include: { projects: true },
    });
    const research = acme.projects.find((p) => p.slug === "research")!;
    const { versionId, spec: resolved } = await unlimitedGpuPod();
    const bob = await seeded.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.bob.email } });
    // One client per launch, as separate portal processes would be: only the database can serialize them.
    const handles = Array.from({ length: 10 }, () => openDatabase({ url: seeded.url }));
    try {
      const launches = await Promise.allSettled(
        handles.map(({ db }) =>
          db.$transaction((tx) =>
            createDeploymentIn(tx, {
              org: acme,
              project: research,
              clusterId,
              createdById: bob.id,
              name: "race",
              skuVersionId: versionId,
              resolved,
              authorizedKeys: [TEST_SSH_KEY],
            }),
          ),
        ),
      );
      expect(launches.filter((l) => l.status === "fulfilled")).toHaveLength(8);
      expect(
        launches
          .filter((l) => l.status === "rejected")
          .map((l) => ((l as PromiseRejectedResult).reason as { code: string }).code),
      ).toEqual(["quota_exceeded", "quota_exceeded"]);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await seeded.db.deployment.updateMany({ where: { projectId: research.id }, data: { desired: "DELETED" } });
    }
  });

  it("mounts secret variables from a Secret: the value is sealed on the row and absent from the spec", async () => {
    const secretEnv = [
      { name: "API_TOKEN", value: "s3cret-value-42", secret: true },
      { name: "MODE", value: "demo", secret: false },
    ];
    const { versionId } = await seedSku(seeded.db, {
      template: "blank-app",
      slug: "secret-app",
      edit: (app) => {
        app.basics.name = "secret-app";
        app.container.env = secretEnv;
      },
      overrides: [],
      published: false,
    });
    const { deploymentId } = await services.testLaunch(seeded.db, admin, { versionId, clusterId, values: {} });
    const row = await untilPhase(deploymentId, "running");
    expect(JSON.stringify(row.spec)).not.toContain("s3cret-value-42");
    expect(row.secretEnvCipher).not.toContain("s3cret-value-42");
    const secrets = sim.store.list("secrets") as { metadata: { name: string }; data: Record<string, string> }[];
    const envSecret = secrets.find((s) => s.metadata.name.endsWith(`${deploymentId}-env`));
    expect(Buffer.from(envSecret!.data.API_TOKEN!, "base64").toString()).toBe("s3cret-value-42");
    const [pod] = sim.store.list("deployments.apps") as {
      spec: { template: { spec: { containers: { env: unknown[] }[] } } };
    }[];
    expect(pod!.spec.template.spec.containers[0]!.env).toEqual([
      { name: "API_TOKEN", valueFrom: { secretKeyRef: { name: envSecret!.metadata.name, key: "API_TOKEN" } } },
      { name: "MODE", value: "demo" },
    ]);
  });

  it("keeps a running deployment on the version it was launched from when a new version is published", async () => {
    const version = await publishedVersionOf("jupyterlab");
    const { deploymentId } = await services.testLaunch(seeded.db, admin, {
      versionId: version.id,
      clusterId,
      values: {},
    });
    const before = await untilPhase(deploymentId, "running");
    const spec = structuredClone(version.spec) as ReturnType<typeof templateSpec>;
    spec.container.image = "quay.io/jupyter/pytorch-notebook:cuda12-2025-02-10";
    const draft = await services.saveDraft(seeded.db, admin, {
      skuId: version.skuId,
      spec,
      overrides: version.overrides,
    });
    await services.publishVersion(seeded.db, admin, { versionId: draft.versionId });
    await controller.reconcileOnce();
    const after = await seeded.db.deployment.findUniqueOrThrow({ where: { id: deploymentId } });
    expect(after).toMatchObject({
      skuVersionId: version.id,
      specHash: before.specHash,
      appliedHash: before.specHash,
      phase: "running",
    });
    // Rolling back is publishing the earlier version again; the deployment is still the same.
    await services.publishVersion(seeded.db, admin, { versionId: version.id });
    expect((await publishedVersionOf("jupyterlab")).id).toBe(version.id);
  });
});

describe("secret variables of a SKU", () => {
  it("are stored sealed, never shown, kept through edits that leave them redacted, opened only to launch", async () => {
    const { exportSkuYaml } = await import("@/server/services/skus/sku-yaml");
    const { getSku } = await import("@/server/services/skus/list-skus");
    const { REDACTED } = await import("@/lib/skus/diff");
    const app = templateSpec(templateById("blank-app")!);
    app.basics.name = "sealed-app";
    app.container.env = [{ name: "HF_TOKEN", value: "hf_topsecret123", secret: true }];
    const { skuId, versionId } = await services.createSku(seeded.db, admin, {
      slug: "sealed-app",
      spec: app,
      overrides: [],
    });
    const stored = await seeded.db.skuVersion.findUniqueOrThrow({ where: { id: versionId } });
    expect(JSON.stringify(stored.spec)).not.toContain("hf_topsecret123");
    expect(await exportSkuYaml(seeded.db, skuId)).not.toContain("hf_topsecret123");
    const shown = (await getSku(seeded.db, skuId)).latest.spec as typeof app;
    expect(shown.container.env[0]!.value).toBe(REDACTED);

    // An edit that leaves the secret redacted keeps it, unchanged, and the diff shows no change to it.
    const edited = { ...shown, basics: { ...shown.basics, displayName: "Sealed app" } };
    const { versionId: draftId } = await services.saveDraft(seeded.db, admin, { skuId, spec: edited, overrides: [] });
    const draft = await seeded.db.skuVersion.findUniqueOrThrow({ where: { id: draftId } });
    expect((draft.spec as typeof app).container.env[0]!.value).toBe(
      (stored.spec as typeof app).container.env[0]!.value,
    );
    const audit = await seeded.db.auditEvent.findFirstOrThrow({ where: { action: "sku.edit", targetId: draftId } });
    expect(Object.keys(audit.changes as object)).toEqual(["basics.displayName"]);

    // A redacted value for a secret the SKU never had is refused.
    const unknown = {
      ...edited,
      container: {
        ...edited.container,
        env: [...edited.container.env, { name: "OTHER", value: REDACTED, secret: true }],
      },
    };
    expect(
      await appErrorOf(services.saveDraft(seeded.db, admin, { skuId, spec: unknown, overrides: [] })),
    ).toMatchObject({ fields: { "container.env.1.value": { key: "secretUnknown" } } });

    // Launching opens it into the deployment's own sealed Secret.
    const { deploymentId } = await services.testLaunch(seeded.db, admin, { versionId: draftId, clusterId, values: {} });
    await untilPhase(deploymentId, "running");
    const secret = (sim.store.list("secrets") as { metadata: { name: string }; data: Record<string, string> }[]).find(
      (s) => s.metadata.name.endsWith(`${deploymentId}-env`),
    );
    expect(Buffer.from(secret!.data.HF_TOKEN!, "base64").toString()).toBe("hf_topsecret123");
  });
});
