/**
 * Workloads on the simulated GPU cluster through the real client-node: GPU bin-packing and the
 * Unschedulable message, quota admission, controllers (Deployment, StatefulSet + PVC, Dynamo,
 * DRA), cascading deletion, logs and fault injection.
 */
import { PassThrough } from "node:stream";
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
  KubernetesObjectApi,
  Log,
  PatchStrategy,
  type ResourceV1ResourceClaim,
  type V1Pod,
  type V1Status,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimulatedCluster, startSimulatedCluster } from "@/server/cluster/sim/index.ts";
import { waitFor } from "@/server/cluster/sim/testing.ts";

let sim: SimulatedCluster;
let kc: KubeConfig;
let core: CoreV1Api;
let apps: AppsV1Api;

const GPU_TOLERATION = [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }];

beforeAll(async () => {
  sim = await startSimulatedCluster({
    delays: { imagePullMs: 20, startMs: 20, terminateMs: 10, bindPvcMs: 10, loadBalancerMs: 10 },
    selfCheck: true,
  });
  kc = sim.kubeConfig;
  core = kc.makeApiClient(CoreV1Api);
  apps = kc.makeApiClient(AppsV1Api);
});

afterAll(async () => {
  expect(sim.store.outputErrors).toEqual([]);
  expect(sim.store.componentErrors).toEqual([]);
  await sim.close();
});

async function namespace(name: string) {
  await core.createNamespace({ body: { metadata: { name } } });
  await waitFor(() => sim.store.get("serviceaccounts", name, "default"), { description: "default service account" });
}

function gpuPod(name: string, gpus: number, extra: Partial<V1Pod["spec"]> = {}, resource = "nvidia.com/gpu"): V1Pod {
  return {
    metadata: { name, labels: { app: name } },
    spec: {
      tolerations: GPU_TOLERATION,
      containers: [
        {
          name: "main",
          image: "nvcr.io/nvidia/cuda:12.4.1-base-ubuntu22.04",
          resources: { limits: { [resource]: String(gpus) }, requests: { cpu: "1", memory: "1Gi" } },
        },
      ],
      ...extra,
    },
  };
}

async function pod(ns: string, name: string) {
  return core.readNamespacedPod({ namespace: ns, name });
}

async function waitRunning(ns: string, name: string) {
  return waitFor(
    async () => {
      const p = await pod(ns, name);
      return p.status?.phase === "Running" &&
        p.status.conditions?.some((c) => c.type === "Ready" && c.status === "True")
        ? p
        : undefined;
    },
    { description: `${ns}/${name} running and ready` },
  );
}

/** The parts of a DynamoGraphDeployment (a custom resource: no typed model) the tests read. */
type GraphDeployment = {
  status?: { state?: string; conditions: Record<string, unknown>[]; services: Record<string, unknown> };
};

async function apiError(fn: () => Promise<unknown>): Promise<{ code: number; status: V1Status }> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiException);
    const ex = e as ApiException<string>;
    expect(typeof ex.body).toBe("string");
    return { code: ex.code, status: JSON.parse(ex.body) };
  }
  throw new Error("expected the call to fail");
}

describe("scheduler", () => {
  it("bin-packs GPU pods onto the fullest node that fits and retries when capacity frees", async () => {
    await namespace("sched");
    const h100 = { nodeSelector: { "nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3" } };
    for (let i = 0; i < 4; i++)
      await core.createNamespacedPod({ namespace: "sched", body: gpuPod(`two-${i}`, 2, h100) });
    const nodes = await Promise.all(
      [0, 1, 2, 3].map(async (i) => (await waitRunning("sched", `two-${i}`)).spec?.nodeName),
    );
    // All four 2-GPU pods share one 8-GPU node.
    expect(new Set(nodes).size).toBe(1);

    // Fill the other three H100 nodes, then ask for one more full node.
    for (let i = 0; i < 3; i++)
      await core.createNamespacedPod({ namespace: "sched", body: gpuPod(`eight-${i}`, 8, h100) });
    for (let i = 0; i < 3; i++) await waitRunning("sched", `eight-${i}`);
    await core.createNamespacedPod({ namespace: "sched", body: gpuPod("waiting", 8, h100) });
    const pending = await waitFor(
      async () => {
        const p = await pod("sched", "waiting");
        return p.status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False");
      },
      { description: "Unschedulable condition" },
    );
    expect(pending.reason).toBe("Unschedulable");
    expect(pending.message).toBe(
      "0/12 nodes are available: 4 Insufficient nvidia.com/gpu, 8 node(s) didn't match Pod's node affinity/selector. " +
        "preemption: 0/12 nodes are available: 4 No preemption victims found for incoming pod, " +
        "8 Preemption is not helpful for scheduling.",
    );
    expect((await pod("sched", "waiting")).status?.phase).toBe("Pending");
    const events = await core.listNamespacedEvent({
      namespace: "sched",
      fieldSelector: "involvedObject.name=waiting,reason=FailedScheduling",
    });
    expect(events.items[0]?.type).toBe("Warning");
    expect(events.items[0]?.message).toBe(pending.message);

    await core.deleteNamespacedPod({ namespace: "sched", name: "eight-1" });
    const scheduled = await waitRunning("sched", "waiting");
    expect(scheduled.spec?.nodeName).toMatch(/^gpu-h100-/);
  });

  it("explains untolerated taints and impossible requests in the real message format", async () => {
    await namespace("sched2");
    const noToleration = gpuPod("no-tol", 1);
    delete noToleration.spec!.tolerations;
    await core.createNamespacedPod({ namespace: "sched2", body: noToleration });
    await core.createNamespacedPod({ namespace: "sched2", body: gpuPod("too-big", 9) });
    const message = (name: string) =>
      waitFor(
        async () =>
          (await pod("sched2", name)).status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False")
            ?.message,
      );
    expect(await message("no-tol")).toBe(
      "0/12 nodes are available: 10 node(s) had untolerated taint {nvidia.com/gpu: present}, " +
        "2 Insufficient nvidia.com/gpu. " +
        "preemption: 0/12 nodes are available: 10 Preemption is not helpful for scheduling, " +
        "2 No preemption victims found for incoming pod.",
    );
    expect(await message("too-big")).toBe(
      "0/12 nodes are available: 12 Insufficient nvidia.com/gpu. " +
        "preemption: 0/12 nodes are available: 12 No preemption victims found for incoming pod.",
    );
  });

  it("places MIG slices on MIG nodes", async () => {
    await namespace("mig");
    await core.createNamespacedPod({ namespace: "mig", body: gpuPod("slice", 1, {}, "nvidia.com/mig-1g.10gb") });
    const p = await waitRunning("mig", "slice");
    expect(p.spec?.nodeName).toBe("gpu-a100-mig-0");
  });

  it("allocates GPUs for a DRA ResourceClaimTemplate", async () => {
    await namespace("dra");
    const objects = KubernetesObjectApi.makeApiClient(kc);
    await objects.create({
      apiVersion: "resource.k8s.io/v1",
      kind: "ResourceClaimTemplate",
      metadata: { name: "two-gpus", namespace: "dra" },
      spec: {
        spec: { devices: { requests: [{ name: "gpus", exactly: { deviceClassName: "gpu.nvidia.com", count: 2 } }] } },
      },
    } as never);
    await core.createNamespacedPod({
      namespace: "dra",
      body: {
        metadata: { name: "dra-pod" },
        spec: {
          tolerations: GPU_TOLERATION,
          resourceClaims: [{ name: "gpus", resourceClaimTemplateName: "two-gpus" }],
          containers: [
            {
              name: "main",
              image: "nvcr.io/nvidia/cuda:12.4.1-base-ubuntu22.04",
              resources: { claims: [{ name: "gpus" }] },
            },
          ],
        },
      },
    });
    const p = await waitRunning("dra", "dra-pod");
    const claimName = p.status?.resourceClaimStatuses?.[0]?.resourceClaimName;
    expect(claimName).toMatch(/^dra-pod-gpus-/);
    const claim = await objects.read<ResourceV1ResourceClaim>({
      apiVersion: "resource.k8s.io/v1",
      kind: "ResourceClaim",
      metadata: { name: claimName!, namespace: "dra" },
    });
    expect(claim.status?.allocation?.devices?.results).toHaveLength(2);
    expect(claim.status?.allocation?.devices?.results?.[0]).toMatchObject({
      driver: "gpu.nvidia.com",
      pool: p.spec?.nodeName,
    });
    expect(claim.status?.reservedFor).toEqual([{ resource: "pods", name: "dra-pod", uid: p.metadata?.uid }]);
  });
});

describe("quota admission", () => {
  it("rejects a pod over requests.nvidia.com/gpu with the real 403 and keeps status.used current", async () => {
    await namespace("quota");
    await core.createNamespacedResourceQuota({
      namespace: "quota",
      body: {
        metadata: { name: "q" },
        spec: {
          hard: { "requests.nvidia.com/gpu": "8", pods: "10", "requests.cpu": "64", "requests.memory": "256Gi" },
        },
      },
    });
    await core.createNamespacedPod({ namespace: "quota", body: gpuPod("four", 4) });
    await core.createNamespacedPod({ namespace: "quota", body: gpuPod("three", 3) });
    const { code, status } = await apiError(() =>
      core.createNamespacedPod({ namespace: "quota", body: gpuPod("x", 2) }),
    );
    expect(code).toBe(403);
    expect(status).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message:
        'pods "x" is forbidden: exceeded quota: q, requested: requests.nvidia.com/gpu=2, ' +
        "used: requests.nvidia.com/gpu=7, limited: requests.nvidia.com/gpu=8",
      reason: "Forbidden",
      details: { name: "x", kind: "pods" },
      code: 403,
    });
    const q = await waitFor(
      async () => {
        const r = await core.readNamespacedResourceQuota({ namespace: "quota", name: "q" });
        return r.status?.used?.["requests.nvidia.com/gpu"] === "7" ? r : undefined;
      },
      { description: "quota used = 7" },
    );
    expect(q.status?.hard?.["requests.nvidia.com/gpu"]).toBe("8");
    expect(q.status?.used).toMatchObject({ pods: "2", "requests.cpu": "2", "requests.memory": "2Gi" });

    // Pods without cpu requests are refused while requests.cpu is constrained.
    const bare = await apiError(() =>
      core.createNamespacedPod({
        namespace: "quota",
        body: { metadata: { name: "bare" }, spec: { containers: [{ name: "c", image: "busybox" }] } },
      }),
    );
    expect(bare.status.message).toBe(
      'pods "bare" is forbidden: failed quota: q: must specify requests.cpu for: c; requests.memory for: c',
    );

    // A deployment over quota reports ReplicaFailure, and recovers when room appears.
    await apps.createNamespacedDeployment({
      namespace: "quota",
      body: {
        metadata: { name: "big" },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: "big" } },
          template: { metadata: { labels: { app: "big" } }, spec: gpuPod("t", 2).spec! },
        },
      },
    });
    const failure = await waitFor(
      async () => {
        const d = await apps.readNamespacedDeployment({ namespace: "quota", name: "big" });
        return d.status?.conditions?.find((c) => c.type === "ReplicaFailure");
      },
      { description: "ReplicaFailure" },
    );
    expect(failure.reason).toBe("FailedCreate");
    expect(failure.message).toMatch(
      new RegExp(
        '^pods "big-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: q, ' +
          "requested: requests.nvidia.com/gpu=2, used: requests.nvidia.com/gpu=7, limited: requests.nvidia.com/gpu=8$",
      ),
    );
    await core.deleteNamespacedPod({ namespace: "quota", name: "three" });
    await waitFor(
      async () =>
        (await apps.readNamespacedDeployment({ namespace: "quota", name: "big" })).status?.availableReplicas === 1,
      {
        description: "deployment recovers",
      },
    );
  });
});

describe("controllers", () => {
  it("runs a StatefulSet with PVCs from volumeClaimTemplates", async () => {
    await namespace("sts");
    await apps.createNamespacedStatefulSet({
      namespace: "sts",
      body: {
        metadata: { name: "db" },
        spec: {
          replicas: 2,
          serviceName: "db",
          selector: { matchLabels: { app: "db" } },
          template: {
            metadata: { labels: { app: "db" } },
            spec: {
              containers: [
                {
                  name: "db",
                  image: "postgres:16",
                  volumeMounts: [{ name: "data", mountPath: "/var/lib/postgresql" }],
                  resources: { requests: { cpu: "500m", memory: "1Gi" } },
                },
              ],
            },
          },
          volumeClaimTemplates: [
            {
              metadata: { name: "data" },
              spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } },
            },
          ],
        },
      },
    });
    const sts = await waitFor(
      async () => {
        const s = await apps.readNamespacedStatefulSet({ namespace: "sts", name: "db" });
        return s.status?.readyReplicas === 2 ? s : undefined;
      },
      { description: "2 ready replicas" },
    );
    expect(sts.status).toMatchObject({
      replicas: 2,
      availableReplicas: 2,
      currentReplicas: 2,
      updatedReplicas: 2,
      observedGeneration: 1,
    });
    expect(sts.status?.currentRevision).toBe(sts.status?.updateRevision);
    const pvcs = await core.listNamespacedPersistentVolumeClaim({ namespace: "sts" });
    expect(pvcs.items.map((c) => [c.metadata?.name, c.status?.phase, c.status?.capacity?.storage]).sort()).toEqual([
      ["data-db-0", "Bound", "10Gi"],
      ["data-db-1", "Bound", "10Gi"],
    ]);
    const p0 = await pod("sts", "db-0");
    expect(p0.spec?.volumes?.find((v) => v.name === "data")?.persistentVolumeClaim?.claimName).toBe("data-db-0");
    expect(p0.spec?.hostname).toBe("db-0");
    expect(p0.metadata?.labels?.["statefulset.kubernetes.io/pod-name"]).toBe("db-0");

    // Deleting the StatefulSet removes its pods and keeps the claims (retention policy Retain).
    await apps.deleteNamespacedStatefulSet({ namespace: "sts", name: "db" });
    await waitFor(async () => (await core.listNamespacedPod({ namespace: "sts" })).items.length === 0, {
      description: "pods gone",
    });
    expect((await core.listNamespacedPersistentVolumeClaim({ namespace: "sts" })).items).toHaveLength(2);
  });

  it("deploys a DynamoGraphDeployment with frontend, prefill and decode workers", async () => {
    await namespace("dynamo");
    const custom = kc.makeApiClient(CustomObjectsApi);
    const image = "nvcr.io/nvidia/ai-dynamo/vllm-runtime:0.4.0";
    await custom.createNamespacedCustomObject({
      group: "nvidia.com",
      version: "v1alpha1",
      namespace: "dynamo",
      plural: "dynamographdeployments",
      body: {
        apiVersion: "nvidia.com/v1alpha1",
        kind: "DynamoGraphDeployment",
        metadata: { name: "llama" },
        spec: {
          backendFramework: "vllm",
          services: {
            Frontend: { componentType: "frontend", replicas: 1, extraPodSpec: { mainContainer: { image } } },
            VllmDecodeWorker: {
              componentType: "worker",
              subComponentType: "decode",
              replicas: 2,
              resources: { limits: { gpu: "1" } },
              extraPodSpec: { mainContainer: { image, args: ["--is-decode-worker"] } },
            },
            VllmPrefillWorker: {
              componentType: "worker",
              subComponentType: "prefill",
              replicas: 1,
              resources: { limits: { gpu: "1" } },
              extraPodSpec: { mainContainer: { image, args: ["--is-prefill-worker"] } },
            },
          },
        },
      },
    });
    const dgd = await waitFor(
      async () => {
        const o = (await custom.getNamespacedCustomObject({
          group: "nvidia.com",
          version: "v1alpha1",
          namespace: "dynamo",
          plural: "dynamographdeployments",
          name: "llama",
        })) as GraphDeployment;
        return o.status?.state === "successful" ? o : undefined;
      },
      { description: "DGD successful" },
    );
    expect(dgd.status?.conditions[0]).toMatchObject({
      type: "Ready",
      status: "True",
      reason: "all_resources_are_ready",
    });
    expect(dgd.status?.services.VllmDecodeWorker).toMatchObject({
      componentKind: "Deployment",
      componentName: "llama-vllmdecodeworker",
      readyReplicas: 2,
    });
    const pods = await core.listNamespacedPod({
      namespace: "dynamo",
      labelSelector: "nvidia.com/dynamo-graph-deployment-name=llama",
    });
    expect(pods.items).toHaveLength(4);
    const workers = pods.items.filter((p) => p.metadata?.labels?.["nvidia.com/dynamo-component-type"] === "worker");
    expect(workers.every((p) => p.spec?.nodeName?.startsWith("gpu-"))).toBe(true);
    const frontend = await core.readNamespacedService({ namespace: "dynamo", name: "llama-frontend" });
    expect(frontend.spec?.ports?.[0]?.port).toBe(8000);
  });

  it("cascades deletes: background, foreground and orphan", async () => {
    await namespace("cascade");
    const dep = (name: string) => ({
      metadata: { name },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: "c", image: "nginx:1.27", resources: { requests: { cpu: "10m" } } }] },
        },
      },
    });
    const podsOf = async (app: string) =>
      (await core.listNamespacedPod({ namespace: "cascade", labelSelector: `app=${app}` })).items;
    for (const name of ["bg", "fg", "orphan"])
      await apps.createNamespacedDeployment({ namespace: "cascade", body: dep(name) });
    for (const name of ["bg", "fg", "orphan"]) {
      await waitFor(
        async () => (await apps.readNamespacedDeployment({ namespace: "cascade", name })).status?.readyReplicas === 2,
      );
    }

    await apps.deleteNamespacedDeployment({ namespace: "cascade", name: "bg" });
    await waitFor(async () => (await podsOf("bg")).length === 0, { description: "background cascade" });
    expect((await apps.listNamespacedReplicaSet({ namespace: "cascade", labelSelector: "app=bg" })).items).toHaveLength(
      0,
    );

    // (client-node types the DELETE response as a Status, so read the raw body here.)
    const res = await fetch(`${sim.url}/apis/apps/v1/namespaces/cascade/deployments/fg?propagationPolicy=Foreground`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${sim.token}` },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.kind).toBe("Deployment");
    expect(body.metadata.finalizers).toContain("foregroundDeletion");
    expect(body.metadata.deletionTimestamp).toBeTruthy();
    await waitFor(
      async () => {
        try {
          await apps.readNamespacedDeployment({ namespace: "cascade", name: "fg" });
          return false;
        } catch (e) {
          return e instanceof ApiException && e.code === 404;
        }
      },
      { description: "foreground owner gone" },
    );
    expect(await podsOf("fg")).toHaveLength(0);

    await apps.deleteNamespacedDeployment({ namespace: "cascade", name: "orphan", propagationPolicy: "Orphan" });
    await waitFor(
      async () => {
        const rs = (await apps.listNamespacedReplicaSet({ namespace: "cascade", labelSelector: "app=orphan" })).items;
        return rs.length === 1 && !rs[0]!.metadata?.ownerReferences?.length;
      },
      { description: "orphaned ReplicaSet" },
    );
    expect(await podsOf("orphan")).toHaveLength(2);
  });

  it("rolls a deployment to a new template through a new ReplicaSet", async () => {
    await namespace("roll");
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const manifest = (image: string) => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "roll" },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "c", image, resources: { requests: { cpu: "10m" } } }] },
        },
      },
    });
    await objects.patch(manifest("nginx:1.27"), undefined, undefined, "portico", true, PatchStrategy.ServerSideApply);
    await waitFor(
      async () =>
        (await apps.readNamespacedDeployment({ namespace: "roll", name: "web" })).status?.availableReplicas === 3,
    );
    await objects.patch(manifest("nginx:1.28"), undefined, undefined, "portico", true, PatchStrategy.ServerSideApply);
    const done = await waitFor(
      async () => {
        const d = await apps.readNamespacedDeployment({ namespace: "roll", name: "web" });
        const c = d.status?.conditions?.find((x) => x.type === "Progressing");
        return d.status?.updatedReplicas === 3 &&
          d.status.availableReplicas === 3 &&
          d.status.replicas === 3 &&
          c?.reason === "NewReplicaSetAvailable"
          ? d
          : undefined;
      },
      { description: "rollout complete" },
    );
    expect(done.metadata?.generation).toBe(2);
    expect(done.status?.observedGeneration).toBe(2);
    const rs = (await apps.listNamespacedReplicaSet({ namespace: "roll" })).items;
    expect(rs).toHaveLength(2);
    expect(rs.map((r) => r.spec?.replicas).sort()).toEqual([0, 3]);
    const pods = (await core.listNamespacedPod({ namespace: "roll" })).items.filter(
      (p) => !p.metadata?.deletionTimestamp,
    );
    expect(pods.every((p) => p.spec?.containers[0]?.image === "nginx:1.28")).toBe(true);
  });
});

describe("logs", () => {
  it("returns lines marked as simulated, honouring container and tailLines", async () => {
    await namespace("logs");
    await core.createNamespacedPod({
      namespace: "logs",
      body: {
        metadata: { name: "talker" },
        spec: {
          containers: [
            {
              name: "main",
              image: "vllm/vllm-openai:v0.8.0",
              args: ["--model", "llama"],
              resources: { requests: { cpu: "10m" } },
            },
          ],
        },
      },
    });
    await waitRunning("logs", "talker");
    const text = await core.readNamespacedPodLog({ namespace: "logs", name: "talker", container: "main" });
    const lines = text.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.every((l) => l.startsWith("[simulated] "))).toBe(true);
    expect(text).toContain("--model llama");
    const tail = await core.readNamespacedPodLog({ namespace: "logs", name: "talker", tailLines: 1 });
    expect(tail.trim().split("\n")).toHaveLength(1);

    // client-node's Log helper streams the same text.
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    const ended = new Promise((r) => out.on("end", r));
    await new Log(kc).log("logs", "talker", "main", out, { follow: false, timestamps: true });
    await ended;
    const stamped = Buffer.concat(chunks).toString("utf8").trim().split("\n");
    expect(stamped[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \[simulated\] /);

    const wrong = await fetch(`${sim.url}/api/v1/namespaces/logs/pods/talker/log?container=nope`, {
      headers: { Authorization: `Bearer ${sim.token}` },
    });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).message).toBe("container nope is not valid for pod talker");

    const exec = await fetch(`${sim.url}/api/v1/namespaces/logs/pods/talker/exec?command=ls`, {
      method: "POST",
      headers: { Authorization: `Bearer ${sim.token}` },
    });
    expect(exec.status).toBe(400);
    expect((await exec.json()).message).toContain("not available on the simulated cluster");
  });
});

describe("faults", () => {
  it("fails the next matching request with 500, then succeeds", async () => {
    await namespace("faults");
    sim.faults.failNext({ status: 500, count: 1, match: { method: "POST", path: "/configmaps" } });
    const err = await apiError(() =>
      core.createNamespacedConfigMap({ namespace: "faults", body: { metadata: { name: "cfg" } } }),
    );
    expect(err.code).toBe(500);
    expect(err.status).toMatchObject({ kind: "Status", reason: "InternalError", code: 500 });
    const ok = await core.createNamespacedConfigMap({ namespace: "faults", body: { metadata: { name: "cfg" } } });
    expect(ok.metadata?.name).toBe("cfg");
  });

  it("can lose the answer after the write happened (afterCommit) and delay responses", async () => {
    sim.faults.failNext({ status: 504, match: { method: "POST", path: "/configmaps" }, afterCommit: true });
    const err = await apiError(() =>
      core.createNamespacedConfigMap({ namespace: "faults", body: { metadata: { name: "ghost" } } }),
    );
    expect(err.code).toBe(504);
    // The write happened anyway: a retry sees AlreadyExists.
    expect(
      (
        await apiError(() =>
          core.createNamespacedConfigMap({ namespace: "faults", body: { metadata: { name: "ghost" } } }),
        )
      ).code,
    ).toBe(409);

    sim.faults.delayNext(150, 1, { method: "GET", path: "/configmaps/ghost" });
    const started = Date.now();
    await core.readNamespacedConfigMap({ namespace: "faults", name: "ghost" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
