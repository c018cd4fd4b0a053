/**
 * Scale: 1,000 GPU nodes and 10,000 Deployments in memory, lists served from the per-namespace
 * and label indexes, and the scheduler bin-packing 2,000 GPU pods. Budgets are generous (shared
 * CI machines) but catch anything quadratic.
 */
import { AppsV1Api, CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTopology, type SimulatedCluster, startSimulatedCluster } from "@/server/cluster/sim/index.ts";
import { waitFor } from "@/server/cluster/sim/testing.ts";

let sim: SimulatedCluster;
let headers: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulatedCluster({
    topology: generateTopology({ nodes: 1000, gpusPerNode: 8 }),
    delays: { imagePullMs: 1, startMs: 1, terminateMs: 1 },
  });
  headers = { Authorization: `Bearer ${sim.token}`, "Content-Type": "application/json" };
  for (const name of ["scale", "gpus"]) {
    await fetch(`${sim.url}/api/v1/namespaces`, {
      method: "POST",
      headers,
      body: JSON.stringify({ metadata: { name } }),
    });
    await waitFor(() => sim.store.get("serviceaccounts", name, "default"));
  }
});

afterAll(async () => {
  expect(sim.store.componentErrors).toEqual([]);
  await sim.close();
});

/** Runs `count` POSTs with a few connections in parallel (fetch keeps connections alive). */
async function createMany(path: string, count: number, body: (i: number) => unknown) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const res = await fetch(`${sim.url}${path}`, { method: "POST", headers, body: JSON.stringify(body(i)) });
      if (res.status !== 201) throw new Error(`create ${i}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, performance.now() - started];
}

describe("scale", () => {
  it("serves 1,000 nodes", async () => {
    const core = sim.kubeConfig.makeApiClient(CoreV1Api);
    const [nodes, ms] = await timed(() =>
      core.listNode({ labelSelector: "nvidia.com/gpu.product=NVIDIA-H100-80GB-HBM3" }),
    );
    expect(nodes.items).toHaveLength(1000);
    expect(ms).toBeLessThan(5_000);
  });

  it("holds 10,000 deployments and answers selector lists from the indexes", { timeout: 180_000 }, async () => {
    const N = 10_000;
    const [, createMs] = await timed(() =>
      createMany("/apis/apps/v1/namespaces/scale/deployments", N, (i) => ({
        metadata: { name: `d-${i}`, labels: { app: `d-${i}`, shard: String(i % 100) } },
        spec: {
          replicas: 0,
          selector: { matchLabels: { app: `d-${i}` } },
          template: {
            metadata: { labels: { app: `d-${i}` } },
            spec: { containers: [{ name: "c", image: "nginx:1.27" }] },
          },
        },
      })),
    );
    expect(sim.store.count("deployments.apps", "scale")).toBe(N);
    // Controllers keep up: every deployment gets its ReplicaSet and an observed status.
    await waitFor(() => sim.store.count("replicasets.apps", "scale") === N, {
      timeoutMs: 60_000,
      description: "10,000 ReplicaSets",
    });
    await waitFor(() => sim.store.list("deployments.apps", "scale").every((d) => d.status?.observedGeneration === 1), {
      timeoutMs: 60_000,
    });

    const apps = sim.kubeConfig.makeApiClient(AppsV1Api);
    const [one, oneMs] = await timed(() =>
      apps.listNamespacedDeployment({ namespace: "scale", labelSelector: "app=d-4242" }),
    );
    expect(one.items.map((d) => d.metadata?.name)).toEqual(["d-4242"]);
    const [shard, shardMs] = await timed(() =>
      apps.listNamespacedDeployment({ namespace: "scale", labelSelector: "shard=7" }),
    );
    expect(shard.items).toHaveLength(100);
    const [byName, byNameMs] = await timed(() =>
      apps.listNamespacedDeployment({ namespace: "scale", fieldSelector: "metadata.name=d-9999" }),
    );
    expect(byName.items).toHaveLength(1);
    const [page] = await timed(() => apps.listNamespacedDeployment({ namespace: "scale", limit: 500 }));
    expect(page.items).toHaveLength(500);
    expect(page.metadata?.remainingItemCount).toBe(N - 500);
    // Another namespace's list does not scan this one.
    const [empty, emptyMs] = await timed(() => apps.listNamespacedDeployment({ namespace: "gpus" }));
    expect(empty.items).toHaveLength(0);

    console.info(
      `[scale] 10,000 deployments created in ${Math.round(createMs)} ms; ` +
        `list app=… ${oneMs.toFixed(1)} ms, shard=… ${shardMs.toFixed(1)} ms, ` +
        `metadata.name=… ${byNameMs.toFixed(1)} ms, other namespace ${emptyMs.toFixed(1)} ms`,
    );
    expect(oneMs).toBeLessThan(250);
    expect(emptyMs).toBeLessThan(250);
    expect(shardMs).toBeLessThan(1_000);
    expect(createMs / N).toBeLessThan(10); // ms per deployment, HTTP included
  });

  it("bin-packs 2,000 one-GPU pods onto exactly 250 nodes", { timeout: 180_000 }, async () => {
    const N = 2_000;
    await createMany("/api/v1/namespaces/gpus/pods", N, (i) => ({
      metadata: { name: `p-${i}` },
      spec: {
        tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
        containers: [
          {
            name: "c",
            image: "cuda:12",
            resources: { limits: { "nvidia.com/gpu": "1" }, requests: { cpu: "1", memory: "4Gi" } },
          },
        ],
      },
    }));
    await waitFor(() => sim.store.list("pods", "gpus").filter((p) => p.status?.phase === "Running").length === N, {
      timeoutMs: 120_000,
      description: "2,000 pods running",
    });
    const used = sim.store.capacity().filter((n) => (n.used["nvidia.com/gpu"] ?? 0) > 0);
    expect(used).toHaveLength(N / 8);
    expect(used.every((n) => n.used["nvidia.com/gpu"] === 8)).toBe(true);
    expect(sim.store.schedulingAttempts).toBeGreaterThanOrEqual(N);
  });
});
