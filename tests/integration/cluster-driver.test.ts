// The cluster driver (real client-node) against the simulated cluster over loopback.
import type { KubernetesObject, V1Pod } from "@kubernetes/client-node";
import { CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiTimeoutError, ClusterDriver } from "@/server/cluster/driver/driver";
import { WatchedKind } from "@/server/cluster/driver/watched-kind";
import { buildManifests, buildProjectNamespace, exampleSpec } from "@/server/cluster/manifests";
import { type SimulatedCluster, startSimulatedCluster } from "@/server/cluster/sim";

let sim: SimulatedCluster;
let driver: ClusterDriver;

async function until(check: () => boolean | Promise<boolean>, what: string, deadlineMs = 15_000) {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  sim = await startSimulatedCluster({
    delays: { imagePullMs: 30, startMs: 20, terminateMs: 10, bindPvcMs: 10, loadBalancerMs: 10 },
  });
  driver = new ClusterDriver(sim.kubeConfig, 1_000);
});

afterAll(async () => {
  await sim?.close();
});

describe("cluster driver", () => {
  const spec = exampleSpec("app");
  const manifests = () => [
    ...buildProjectNamespace({ tenant: spec.tenant, quota: { gpus: 0, migProfiles: { "1g.10gb": 4 } } }),
    ...buildManifests(spec),
  ];

  it("server-side applies a deployment's manifests, idempotently", async () => {
    const first = await driver.apply(manifests());
    const again = await driver.apply(manifests());
    // Controllers may write status in between; an unchanged apply never bumps the spec's generation.
    const generations = (objects: KubernetesObject[]) =>
      objects.map((o) => `${o.kind}/${o.metadata?.name}:${o.metadata?.generation ?? "-"}`);
    expect(generations(again)).toEqual(generations(first));
    expect(first.some((o) => o.metadata?.generation === 1)).toBe(true);
    const changed = manifests().map((o) =>
      o.kind === "Deployment"
        ? {
            ...o,
            metadata: { ...o.metadata, annotations: { note: "x" } },
            spec: { ...(o as unknown as { spec: object }).spec, minReadySeconds: 5 },
          }
        : o,
    );
    const updated = await driver.apply(changed);
    expect(updated.find((o) => o.kind === "Deployment")?.metadata?.generation).toBe(2);
    const deployment = sim.store
      .list("deployments.apps")
      .find((o) => o.metadata?.labels?.["portico.dev/deployment"] === spec.deploymentId);
    expect(deployment?.metadata?.managedFields?.some((f: { manager?: string }) => f.manager === "portico")).toBe(true);
  });

  it("lists by label across pages", async () => {
    const items = await driver.list<KubernetesObject>("v1", "Service", {
      labelSelector: `portico.dev/deployment=${spec.deploymentId}`,
    });
    expect(items).toHaveLength(1);
  });

  it("reports GPU capacity by model and MIG profile, and what is allocated", async () => {
    await until(
      async () =>
        sim.store
          .list("pods")
          .some((p) => p.metadata?.labels?.["portico.dev/deployment"] === spec.deploymentId && p.spec?.nodeName),
      "the app's pod to be scheduled",
    );
    const capacity = await driver.capacity();
    expect(capacity.nodes).toBeGreaterThan(0);
    const mig = capacity.pools.find((p) => p.resource === "nvidia.com/mig-1g.10gb");
    expect(mig?.model).toBe("NVIDIA-A100-SXM4-80GB");
    expect(mig?.allocated).toBe(1);
    expect(
      capacity.pools.find((p) => p.model === "NVIDIA-H100-80GB-HBM3" && p.resource === "nvidia.com/gpu")?.allocatable,
    ).toBe(32);
  });

  it("reads a pod's events and its (simulated) log", async () => {
    const pod = sim.store
      .list("pods")
      .find((p) => p.metadata?.labels?.["portico.dev/deployment"] === spec.deploymentId)!;
    await until(
      async () =>
        (await driver.events(pod.metadata!.namespace!, pod.metadata!.name!)).some((e) => e.reason === "Started"),
      "a Started event",
    );
    const log = await driver.logs(
      pod.metadata!.namespace!,
      pod.metadata!.name!,
      (pod as V1Pod).spec!.containers[0]!.name,
      20,
    );
    expect(log).toMatch(/simulated/i);
  });

  it("deletes with propagation; deleting what is gone is not an error", async () => {
    const [service] = buildManifests(spec).filter((o) => o.kind === "Service");
    const ref = {
      apiVersion: "v1",
      kind: "Service",
      name: service!.metadata!.name!,
      namespace: service!.metadata!.namespace,
    };
    await driver.delete(ref);
    await driver.delete(ref);
    expect(
      await driver.list("v1", "Service", { labelSelector: `portico.dev/deployment=${spec.deploymentId}` }),
    ).toHaveLength(0);
  });

  it("says a cluster is healthy, and why one is not", async () => {
    expect(await driver.health()).toMatchObject({ healthy: true });
    sim.faults.failNext({ status: 500, count: 1 });
    const sick = await driver.health();
    expect(sick.healthy).toBe(false);
    expect(sick.message.length).toBeGreaterThan(0);
  });

  it("gives up on a hung API server at its deadline, with a retryable error", async () => {
    sim.faults.delayNext(3_000, 1);
    await expect(driver.list("v1", "Service")).rejects.toBeInstanceOf(ApiTimeoutError);
  });
});

describe("watched caches", () => {
  it("restart after a dropped watch and keep up, but never after their own stop", async () => {
    const core = sim.kubeConfig.makeApiClient(CoreV1Api);
    const errors: unknown[] = [];
    const configMaps = new WatchedKind({
      kubeConfig: sim.kubeConfig,
      path: "/api/v1/namespaces/default/configmaps",
      list: () => core.listNamespacedConfigMap({ namespace: "default" }),
      onError: (error) => errors.push(error),
      restartDelayMs: 20,
    });
    await configMaps.start();
    await core.createNamespacedConfigMap({ namespace: "default", body: { metadata: { name: "before-drop" } } });
    await until(() => !!configMaps.get("before-drop", "default"), "the first object in the cache");

    expect(sim.faults.dropWatches()).toBeGreaterThan(0);
    await core.createNamespacedConfigMap({ namespace: "default", body: { metadata: { name: "after-drop" } } });
    await until(() => !!configMaps.get("after-drop", "default"), "the cache to catch up after the drop");

    await configMaps.stop();
    const watchesAfterStop = sim.store.openWatches;
    sim.faults.dropWatches();
    await core.createNamespacedConfigMap({ namespace: "default", body: { metadata: { name: "after-stop" } } });
    await until(
      async () => !!(await core.readNamespacedConfigMap({ namespace: "default", name: "after-stop" })),
      "the object to exist",
    );
    expect(configMaps.get("after-stop", "default")).toBeUndefined();
    expect(sim.store.openWatches).toBeLessThanOrEqual(watchesAfterStop);
  });
});
