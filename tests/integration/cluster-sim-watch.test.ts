/**
 * Watches and informers against the simulated cluster, with client-node's Watch and makeInformer:
 * events, resuming from a resourceVersion, 410 Expired, bookmarks, timeouts and dropped streams.
 */
import {
  ADD,
  CoreV1Api,
  ERROR,
  type KubeConfig,
  makeInformer,
  UPDATE,
  type V1Pod,
  Watch,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimulatedCluster, startSimulatedCluster } from "@/server/cluster/sim/index.ts";
import { waitFor } from "@/server/cluster/sim/testing.ts";

let sim: SimulatedCluster;
let kc: KubeConfig;
let core: CoreV1Api;

beforeAll(async () => {
  sim = await startSimulatedCluster({
    delays: { imagePullMs: 20, startMs: 20, terminateMs: 10 },
    watchHistory: 200,
    bookmarkIntervalMs: 50,
    selfCheck: true,
  });
  kc = sim.kubeConfig;
  core = kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: "w" } } });
  await waitFor(() => sim.store.get("serviceaccounts", "w", "default"));
});

afterAll(async () => {
  expect(sim.store.outputErrors).toEqual([]);
  expect(sim.store.componentErrors).toEqual([]);
  await sim.close();
});

/** An event's object (a resource, an ERROR's Status or a bookmark), typed as far as these tests read it. */
type WatchedObject = {
  kind?: string;
  message?: string;
  data?: Record<string, string>;
  metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> };
};

interface Seen {
  type: string;
  name?: string;
  rv?: string;
  object: WatchedObject;
}

async function startWatch(path: string, query: Record<string, string | number | boolean | undefined>) {
  const events: Seen[] = [];
  let done: unknown = "open";
  const controller = await new Watch(kc).watch(
    path,
    query,
    (type, object: WatchedObject) =>
      events.push({ type, name: object?.metadata?.name, rv: object?.metadata?.resourceVersion, object }),
    (err) => {
      done = err ?? null;
    },
  );
  return { events, controller, isDone: () => done !== "open", doneError: () => done };
}

describe("watch", () => {
  it("streams ADDED, MODIFIED and DELETED, filtered by label selector", async () => {
    const w = await startWatch("/api/v1/namespaces/w/configmaps", { labelSelector: "watched=yes" });
    await core.createNamespacedConfigMap({
      namespace: "w",
      body: { metadata: { name: "one", labels: { watched: "yes" } }, data: { v: "1" } },
    });
    await core.createNamespacedConfigMap({ namespace: "w", body: { metadata: { name: "ignored" } } });
    await core.replaceNamespacedConfigMap({
      namespace: "w",
      name: "one",
      body: { metadata: { name: "one", labels: { watched: "yes" } }, data: { v: "2" } },
    });
    await core.deleteNamespacedConfigMap({ namespace: "w", name: "one" });
    await waitFor(() => w.events.length >= 3, { description: "three events" });
    expect(w.events.map((e) => [e.type, e.name])).toEqual([
      ["ADDED", "one"],
      ["MODIFIED", "one"],
      ["DELETED", "one"],
    ]);
    expect(w.events[1]!.object.data).toEqual({ v: "2" });
    expect(w.events[0]!.object.kind).toBe("ConfigMap");
    w.controller.abort();
  });

  it("turns a label change into ADDED / DELETED for a selector watch", async () => {
    const w = await startWatch("/api/v1/namespaces/w/configmaps", { labelSelector: "phase=hot" });
    await core.createNamespacedConfigMap({
      namespace: "w",
      body: { metadata: { name: "flip", labels: { phase: "cold" } } },
    });
    await core.replaceNamespacedConfigMap({
      namespace: "w",
      name: "flip",
      body: { metadata: { name: "flip", labels: { phase: "hot" } } },
    });
    await core.replaceNamespacedConfigMap({
      namespace: "w",
      name: "flip",
      body: { metadata: { name: "flip", labels: { phase: "cold" } } },
    });
    await waitFor(() => w.events.length >= 2);
    expect(w.events.map((e) => e.type)).toEqual(["ADDED", "DELETED"]);
    w.controller.abort();
  });

  it("resumes from a resourceVersion without repeating or losing events", async () => {
    const a = await core.createNamespacedConfigMap({
      namespace: "w",
      body: { metadata: { name: "r1", labels: { resume: "t" } } },
    });
    await core.createNamespacedConfigMap({
      namespace: "w",
      body: { metadata: { name: "r2", labels: { resume: "t" } } },
    });
    await core.createNamespacedConfigMap({
      namespace: "w",
      body: { metadata: { name: "r3", labels: { resume: "t" } } },
    });
    const w = await startWatch("/api/v1/namespaces/w/configmaps", {
      labelSelector: "resume=t",
      resourceVersion: a.metadata!.resourceVersion,
    });
    await waitFor(() => w.events.length >= 2);
    expect(w.events.map((e) => [e.type, e.name])).toEqual([
      ["ADDED", "r2"],
      ["ADDED", "r3"],
    ]);
    w.controller.abort();

    // Without a resourceVersion, a watch starts with the current state.
    const fresh = await startWatch("/api/v1/namespaces/w/configmaps", { labelSelector: "resume=t" });
    await waitFor(() => fresh.events.length >= 3);
    expect(fresh.events.map((e) => e.name)).toEqual(["r1", "r2", "r3"]);
    fresh.controller.abort();
  });

  it("answers a compacted resourceVersion with a 410 Expired ERROR event", async () => {
    const first = await core.createNamespacedConfigMap({ namespace: "w", body: { metadata: { name: "old" } } });
    // Push the version out of the 200-event history.
    for (let i = 0; i < 220; i++)
      await core.createNamespacedConfigMap({ namespace: "w", body: { metadata: { name: `filler-${i}` } } });
    const w = await startWatch("/api/v1/namespaces/w/configmaps", { resourceVersion: first.metadata!.resourceVersion });
    await waitFor(() => w.isDone(), { description: "watch ended" });
    expect(w.events).toHaveLength(1);
    expect(w.events[0]!.type).toBe("ERROR");
    expect(w.events[0]!.object).toMatchObject({ kind: "Status", status: "Failure", reason: "Expired", code: 410 });
    expect(w.events[0]!.object.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);

    // An exact list at an old version is a 410 too.
    const exact = `resourceVersion=${first.metadata!.resourceVersion}&resourceVersionMatch=Exact`;
    const res = await fetch(`${sim.url}/api/v1/namespaces/w/configmaps?${exact}`, {
      headers: { Authorization: `Bearer ${sim.token}` },
    });
    expect(res.status).toBe(410);
  });

  it("sends bookmarks when asked, and ends at timeoutSeconds", async () => {
    const w = await startWatch("/api/v1/namespaces/w/configmaps", {
      allowWatchBookmarks: true,
      timeoutSeconds: 1,
      resourceVersion: String(sim.store.resourceVersion),
    });
    await waitFor(() => w.events.some((e) => e.type === "BOOKMARK"), { description: "a bookmark" });
    const bm = w.events.find((e) => e.type === "BOOKMARK")!;
    expect(bm.object).toMatchObject({ kind: "ConfigMap", apiVersion: "v1" });
    expect(Number(bm.rv)).toBeGreaterThan(0);
    await waitFor(() => w.isDone(), { timeoutMs: 5000, description: "timeout" });
    expect(w.doneError()).toBeNull();
  });

  it("supports sendInitialEvents with the initial-events-end bookmark", async () => {
    const w = await startWatch("/api/v1/namespaces/w/configmaps", {
      labelSelector: "resume=t",
      sendInitialEvents: true,
      resourceVersionMatch: "NotOlderThan",
      allowWatchBookmarks: true,
    });
    await waitFor(() => w.events.some((e) => e.type === "BOOKMARK"));
    expect(w.events.slice(0, 3).map((e) => e.name)).toEqual(["r1", "r2", "r3"]);
    expect(w.events[3]!.object.metadata?.annotations).toEqual({ "k8s.io/initial-events-end": "true" });
    w.controller.abort();
  });
});

describe("informer", () => {
  it("sees a pod become Running and is told when its watch is dropped", async () => {
    const informer = makeInformer(kc, "/api/v1/namespaces/w/pods", () => core.listNamespacedPod({ namespace: "w" }));
    const phases = new Map<string, string>();
    const errors: unknown[] = [];
    const track = (pod: V1Pod) => {
      phases.set(pod.metadata!.name!, pod.status?.phase ?? "");
    };
    informer.on(ADD, track);
    informer.on(UPDATE, track);
    informer.on(ERROR, (err) => errors.push(err));
    await informer.start();

    await core.createNamespacedPod({
      namespace: "w",
      body: {
        metadata: { name: "inf" },
        spec: { containers: [{ name: "c", image: "busybox:1.36", resources: { requests: { cpu: "10m" } } }] },
      },
    });
    await waitFor(() => phases.get("inf") === "Running", { description: "informer sees Running" });
    const cached = informer.get("inf", "w");
    expect(cached?.status?.podIP).toMatch(/^10\.\d+\.\d+\.\d+$/);
    expect(cached?.status?.containerStatuses?.[0]?.ready).toBeDefined();

    await waitFor(() => sim.store.openWatches > 0);
    const dropped = sim.faults.dropWatches();
    expect(dropped).toBeGreaterThan(0);
    await waitFor(() => errors.length > 0, { description: "informer error callback" });
    await informer.stop();
  });

  it("relists and resumes after a graceful stream end", async () => {
    const informer = makeInformer(
      kc,
      "/api/v1/namespaces/w/configmaps",
      () => core.listNamespacedConfigMap({ namespace: "w", labelSelector: "inf=g" }),
      "inf=g",
    );
    const added: string[] = [];
    informer.on(ADD, (o) => added.push(o.metadata!.name!));
    await informer.start();
    await waitFor(() => sim.store.openWatches > 0);
    sim.faults.dropWatches({ graceful: true });
    await core.createNamespacedConfigMap({
      namespace: "w",
      body: { metadata: { name: "after-drop", labels: { inf: "g" } } },
    });
    await waitFor(() => added.includes("after-drop"), { description: "event after reconnect" });
    await informer.stop();
  });
});
