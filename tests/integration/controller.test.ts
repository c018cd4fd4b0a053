// The deployment controller, with the real cluster driver (client-node) against the simulated
// cluster over loopback, on a real PostgreSQL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DeploymentController, type PassStats } from "@/server/cluster/controller/controller";
import { deploymentManifests } from "@/server/cluster/controller/deployment-manifests";
import { AdvisoryLockLeadership, SingleProcessLeadership } from "@/server/cluster/controller/leader";
import { ControllerRunner } from "@/server/cluster/controller/runner";
import { ClusterDriver } from "@/server/cluster/driver/driver";
import { type SimulatedCluster, startSimulatedCluster } from "@/server/cluster/sim";
import { insertDeployment } from "../builders/deployments";
import { createSeededDatabase, type SeededDatabase } from "../support/seeded-database";

let seeded: SeededDatabase;
let sim: SimulatedCluster;
let clusterId: string;
const controllers: DeploymentController[] = [];

/** Added to the controller's clock, so a test can let back-off delays pass without waiting. */
let clockSkewMs = 0;

function newController() {
  const controller = new DeploymentController({
    db: seeded.db,
    clusterId,
    driver: new ClusterDriver(sim.kubeConfig),
    build: (deployment) => deploymentManifests(seeded.db, deployment),
    now: () => new Date(Date.now() + clockSkewMs),
  });
  controllers.push(controller);
  return controller;
}

/** Runs passes until `done` holds (or fails after the deadline); returns the last pass's stats. */
async function passUntil(
  controller: DeploymentController,
  done: () => Promise<boolean>,
  deadlineMs = 30_000,
): Promise<PassStats> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const stats = await controller.reconcileOnce();
    if (await done()) return stats;
    if (Date.now() > deadline) throw new Error(`not converged; last pass ${JSON.stringify(stats)}`);
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the simulated kubelet and watches move
  }
}

const phaseOf = async (id: string) => (await seeded.db.deployment.findUniqueOrThrow({ where: { id } })).phase;
const allPhases = async (ids: string[], phase: string) =>
  (await Promise.all(ids.map(phaseOf))).every((p) => p === phase);

beforeAll(async () => {
  seeded = await createSeededDatabase();
  sim = await startSimulatedCluster({
    delays: { imagePullMs: 30, startMs: 20, terminateMs: 10, bindPvcMs: 10, loadBalancerMs: 10 },
  });
  clusterId = (await seeded.db.cluster.create({ data: { name: "sim", connection: "SIMULATED" } })).id;
});

afterEach(async () => {
  sim.faults.clear?.();
  await Promise.all(controllers.splice(0).map((c) => c.stop()));
});

afterAll(async () => {
  await sim?.close();
  await seeded?.close();
});

describe("deployment controller", () => {
  it("brings a dev pod, an app and a model up, then a steady pass changes nothing", async () => {
    const controller = newController();
    await controller.start();
    const ids = [
      (await insertDeployment(seeded.db, clusterId, "dev-pod")).id,
      (await insertDeployment(seeded.db, clusterId, "app")).id,
      (await insertDeployment(seeded.db, clusterId, "model")).id,
    ];
    await passUntil(controller, () => allPhases(ids, "running"));
    expect(sim.store.count("statefulsets.apps")).toBe(1);
    expect(sim.store.count("deployments.apps")).toBe(2);
    const before = await seeded.db.deployment.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
    const steady = await controller.reconcileOnce();
    expect(steady).toMatchObject({ applied: 0, deleted: 0, observed: 0, failed: 0, collected: 0 });
    const after = await seeded.db.deployment.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
    expect(after.map((d) => d.updatedAt.getTime())).toEqual(before.map((d) => d.updatedAt.getTime()));
    const events = await seeded.db.deploymentEvent.findMany({
      where: { deploymentId: ids[0] },
      orderBy: { at: "asc" },
    });
    expect(events.map((e) => e.reason)).toEqual(["Applied", "Running"]);
  });

  it("stops (keeping volumes), then deletes everything", async () => {
    const controller = newController();
    await controller.start();
    const { id } = await insertDeployment(seeded.db, clusterId, "dev-pod");
    await passUntil(controller, async () => (await phaseOf(id)) === "running");
    await seeded.db.deployment.update({ where: { id }, data: { desired: "STOPPED" } });
    await passUntil(controller, async () => (await phaseOf(id)) === "stopped");
    const labelled = (resource: string) =>
      sim.store.list(resource).filter((o) => o.metadata?.labels?.["portico.dev/deployment"] === id);
    expect(labelled("statefulsets.apps")).toHaveLength(0);
    expect(labelled("persistentvolumeclaims")).toHaveLength(1);

    await seeded.db.deployment.update({ where: { id }, data: { desired: "DELETED" } });
    await passUntil(controller, async () => (await phaseOf(id)) === "deleted");
    expect(labelled("persistentvolumeclaims")).toHaveLength(0);
    expect(labelled("secrets")).toHaveLength(0);
    expect(labelled("pods")).toHaveLength(0);
  });

  it("reports an unschedulable request in the scheduler's own words", async () => {
    const controller = newController();
    await controller.start();
    const { id } = await insertDeployment(seeded.db, clusterId, "dev-pod", (spec) => {
      spec.compute.gpu = { mode: "whole", model: "NVIDIA-H100-80GB-HBM3", count: 8 };
    });
    // 8 GPUs fit the project's quota (8) and a node; take the project quota down to force the issue.
    await seeded.db.projectGpuQuota.updateMany({ data: { maxGpus: 64 } });
    await seeded.db.deployment.update({
      where: { id },
      data: {
        spec: {
          ...((await seeded.db.deployment.findUniqueOrThrow({ where: { id } })).spec as object),
          compute: { cpu: 8, memoryGiB: 64, gpu: { mode: "whole", model: "NVIDIA-H100-80GB-HBM3", count: 16 } },
        },
      },
    });
    await passUntil(controller, async () => (await phaseOf(id)) === "pending");
    const row = await seeded.db.deployment.findUniqueOrThrow({ where: { id } });
    expect(row.phaseMessage).toMatch(/^0\/\d+ nodes are available: .*Insufficient nvidia.com\/gpu/);
    await seeded.db.deployment.update({ where: { id }, data: { desired: "DELETED" } });
    await passUntil(controller, async () => (await phaseOf(id)) === "deleted");
  });

  it("collects workloads no deployment owns", async () => {
    const controller = newController();
    await controller.start();
    const { id } = await insertDeployment(seeded.db, clusterId, "app");
    await passUntil(controller, async () => (await phaseOf(id)) === "running");
    await seeded.db.deployment.delete({ where: { id } });
    await passUntil(
      controller,
      async () =>
        !sim.store.list("deployments.apps").some((o) => o.metadata?.labels?.["portico.dev/deployment"] === id),
    );
  });

  it("runs a project's workloads in its id's namespace; one stored before keeps its old namespace", async () => {
    const controller = newController();
    await controller.start();
    const current = await insertDeployment(seeded.db, clusterId, "app");
    // As rows stored before namespaces were named by project id: a tenant without one.
    const legacy = await insertDeployment(seeded.db, clusterId, "app", (spec) => {
      spec.tenant = { orgSlug: spec.tenant.orgSlug, projectSlug: spec.tenant.projectSlug };
    });
    const ids = [current.id, legacy.id];
    await passUntil(controller, () => allPhases(ids, "running"));
    const namespaceOf = (id: string) =>
      sim.store.list("deployments.apps").find((o) => o.metadata?.labels?.["portico.dev/deployment"] === id)?.metadata
        ?.namespace;
    expect(namespaceOf(current.id)).toBe(`p-${current.projectId}`);
    expect(namespaceOf(legacy.id)).toBe("p-acme-research");
    await seeded.db.deployment.updateMany({ where: { id: { in: ids } }, data: { desired: "DELETED" } });
    await passUntil(controller, () => allPhases(ids, "deleted"));
  });

  it("loses or doubles nothing while the API server fails, and converges afterwards", async () => {
    const controller = newController();
    await controller.start();
    sim.faults.failNext({ status: 500, count: 25 });
    const ids = [
      (await insertDeployment(seeded.db, clusterId, "app")).id,
      (await insertDeployment(seeded.db, clusterId, "model")).id,
    ];
    await controller.reconcileOnce();
    const failing = await seeded.db.deployment.findMany({ where: { id: { in: ids } } });
    expect(failing.some((d) => d.failures > 0)).toBe(true);
    // The outage goes on for a while: each pass fails and backs off further.
    await passUntil(controller, async () => {
      clockSkewMs += 6 * 60_000; // past the longest back-off, so every pass retries
      return allPhases(ids, "running");
    });
    clockSkewMs = 0;
    for (const id of ids) {
      expect(
        sim.store.list("deployments.apps").filter((o) => o.metadata?.labels?.["portico.dev/deployment"] === id),
      ).toHaveLength(1);
      expect(
        await seeded.db.deploymentEvent.count({ where: { deploymentId: id, reason: "ReconcileFailed" } }),
      ).toBeGreaterThan(0);
      expect((await seeded.db.deployment.findUniqueOrThrow({ where: { id } })).failures).toBe(0);
    }
  });

  it("stops a deployment whose maximum runtime is over, keeping its volumes", async () => {
    const controller = newController();
    await controller.start();
    const { id } = await insertDeployment(seeded.db, clusterId, "dev-pod");
    await passUntil(controller, () => allPhases([id], "running"));
    await seeded.db.deployment.update({ where: { id }, data: { stopAt: new Date(Date.now() - 1000) } });
    await passUntil(controller, () => allPhases([id], "stopped"));
    const row = await seeded.db.deployment.findUniqueOrThrow({
      where: { id },
      include: { events: { orderBy: { at: "asc" } } },
    });
    expect(row.desired).toBe("STOPPED");
    expect(row.events.map((e) => e.reason)).toContain("MaxRuntimeReached");
    expect(
      sim.store.list("persistentvolumeclaims").filter((o) => o.metadata?.labels?.["portico.dev/deployment"] === id),
    ).toHaveLength(1);
  });

  it("converges after being killed in the middle of a pass", async () => {
    const first = newController();
    await first.start();
    const ids = await Promise.all([0, 1, 2].map(async () => (await insertDeployment(seeded.db, clusterId, "app")).id));
    sim.faults.delayNext(300, 1);
    const interrupted = first.reconcileOnce().catch(() => undefined);
    await first.stop(); // the process dies: its pass is abandoned wherever it was
    await interrupted;
    const second = newController();
    await second.start();
    await passUntil(second, () => allPhases(ids, "running"));
    for (const id of ids)
      expect(
        sim.store.list("deployments.apps").filter((o) => o.metadata?.labels?.["portico.dev/deployment"] === id),
      ).toHaveLength(1);
  });
});

describe("leadership", () => {
  it("lets one of two controllers lead, and the other take over when it goes", async () => {
    const a = new AdvisoryLockLeadership(seeded.url);
    const b = new AdvisoryLockLeadership(seeded.url);
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    expect(await a.acquire()).toBe(true);
    await a.release();
    expect(await b.acquire()).toBe(true);
    await b.release();
  });
});

describe("runner", () => {
  it("runs passes on its own, kicked by a new deployment, with no callbacks given", async () => {
    const runner = new ControllerRunner({
      controller: newController(),
      leadership: new SingleProcessLeadership(),
      intervalMs: 60_000,
    });
    runner.start();
    try {
      const { id } = await insertDeployment(seeded.db, clusterId, "app");
      runner.kick();
      const deadline = Date.now() + 30_000;
      while ((await phaseOf(id)) !== "running") {
        if (Date.now() > deadline) throw new Error(`deployment is ${await phaseOf(id)}`);
        runner.kick();
        await new Promise((resolve) => setTimeout(resolve, 50)); // the runner, not this test, reconciles
      }
    } finally {
      await runner.stop();
    }
  });
});
