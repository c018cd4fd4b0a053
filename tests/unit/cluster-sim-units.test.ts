/** Unit tests for the simulated cluster's pure parts: selectors, patches, apply, quantities, clock, topology. */
import { describe, expect, it } from "vitest";
import { leavesOf, pathsOfFieldsV1, recordUpdate, serverSideApply, toFieldsV1 } from "@/server/cluster/sim/apply.ts";
import { manualClock } from "@/server/cluster/sim/clock.ts";
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from "@/server/cluster/sim/patch.ts";
import { formatQuantity, parseQuantity } from "@/server/cluster/sim/quantity.ts";
import { R } from "@/server/cluster/sim/resources.ts";
import {
  compileFieldSelector,
  fromLabelSelector,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from "@/server/cluster/sim/selectors.ts";
import { ApiError } from "@/server/cluster/sim/status.ts";
import { Store } from "@/server/cluster/sim/store.ts";
import { WatchHub } from "@/server/cluster/sim/watch-hub.ts";
import { buildNodes, defaultTopology, generateTopology } from "@/server/cluster/topology/index.ts";

describe("label selectors", () => {
  const l = { env: "prod", tier: "web", n: "5" };
  it.each([
    ["env=prod", true],
    ["env==prod", true],
    ["env!=prod", false],
    ["env in (dev,prod)", true],
    ["env notin (prod)", false],
    ["tier", true],
    ["!tier", false],
    ["!missing", true],
    ["missing!=x", true],
    ["env=prod,tier=api", false],
    ["n>4", true],
    ["n<4", false],
    ["", true],
  ])("%s → %s", (sel, expected) => {
    expect(matchesLabels(parseLabelSelector(sel), l)).toBe(expected);
  });

  it("rejects malformed selectors with a 400", () => {
    for (const bad of ["env in (a", "=x", "a b"]) {
      expect(() => parseLabelSelector(bad)).toThrow(ApiError);
    }
  });

  it("converts structured selectors", () => {
    const sel = fromLabelSelector({
      matchLabels: { app: "x" },
      matchExpressions: [{ key: "tier", operator: "NotIn", values: ["db"] }],
    });
    expect(matchesLabels(sel, { app: "x", tier: "web" })).toBe(true);
    expect(matchesLabels(sel, { app: "x", tier: "db" })).toBe(false);
  });
});

describe("field selectors", () => {
  it("supports the fields kube-apiserver supports per resource, and nothing else", () => {
    const sel = compileFieldSelector(R.pods.key, "pods", parseFieldSelector("spec.nodeName=n1,status.phase!=Failed"));
    expect(sel.matches({ metadata: { name: "a" }, spec: { nodeName: "n1" }, status: { phase: "Running" } })).toBe(true);
    expect(sel.matches({ metadata: { name: "a" }, spec: { nodeName: "n2" }, status: { phase: "Running" } })).toBe(
      false,
    );
    expect(() => compileFieldSelector(R.configMaps.key, "configmaps", parseFieldSelector("spec.nodeName=n1"))).toThrow(
      "field label not supported: spec.nodeName",
    );
    const escaped = parseFieldSelector("metadata.name=a\\,b");
    expect(escaped[0]!.value).toBe("a,b");
  });
});

describe("patches", () => {
  it("merge patch (RFC 7386)", () => {
    expect(applyMergePatch({ a: 1, b: { c: 2, d: 3 } }, { b: { c: null, e: 4 }, f: [1] })).toEqual({
      a: 1,
      b: { d: 3, e: 4 },
      f: [1],
    });
  });

  it("JSON patch (RFC 6902)", () => {
    const doc = { spec: { replicas: 1, list: ["a", "b"] } };
    expect(
      applyJsonPatch(doc, [
        { op: "replace", path: "/spec/replicas", value: 3 },
        { op: "add", path: "/spec/list/-", value: "c" },
        { op: "remove", path: "/spec/list/0" },
        { op: "test", path: "/spec/replicas", value: 3 },
      ]),
    ).toEqual({ spec: { replicas: 3, list: ["b", "c"] } });
    expect(() => applyJsonPatch(doc, [{ op: "test", path: "/spec/replicas", value: 9 }])).toThrow(ApiError);
    expect(() => applyJsonPatch(doc, [{ op: "remove", path: "/nope" }])).toThrow(ApiError);
  });

  it("strategic merge patch merges containers by name and honours $patch: delete", () => {
    const live = {
      spec: {
        containers: [
          { name: "a", image: "x", ports: [{ containerPort: 80 }] },
          { name: "b", image: "y" },
        ],
      },
    };
    const out = applyStrategicMergePatch(live, {
      spec: {
        containers: [
          { name: "a", image: "x2" },
          { name: "b", $patch: "delete" },
          { name: "c", image: "z" },
        ],
      },
    });
    expect(out).toEqual({
      spec: {
        containers: [
          { name: "a", image: "x2", ports: [{ containerPort: 80 }] },
          { name: "c", image: "z" },
        ],
      },
    });
    expect(() => applyStrategicMergePatch(live, { $retainKeys: ["spec"] })).toThrow(ApiError);
  });
});

describe("server-side apply", () => {
  const rt = R.configMaps;
  const now = Date.parse("2025-01-01T00:00:00Z");
  const cfg = (data: Record<string, string>, labels?: Record<string, string>) => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "c", namespace: "n", ...(labels ? { labels } : {}) },
    data,
  });

  it("round-trips field sets through FieldsV1", () => {
    const leaves = leavesOf(cfg({ a: "1" }, { x: "y" }), rt);
    const f = toFieldsV1(leaves.keys());
    expect(f).toEqual({ "f:data": { "f:a": {} }, "f:metadata": { "f:labels": { "f:x": {} } } });
    expect(pathsOfFieldsV1(f)).toEqual(new Set(leaves.keys()));
  });

  it("removes fields the manager stopped applying but keeps other managers' fields", () => {
    let live = serverSideApply(rt, undefined, cfg({ a: "1", b: "2" }), "alice", false, now);
    live = recordUpdate(rt, live, { ...live, data: { ...live.data, c: "3" } }, "bob", now);
    const next = serverSideApply(rt, live, cfg({ a: "1" }), "alice", false, now);
    expect(next.data).toEqual({ a: "1", c: "3" });
    expect(next.metadata.managedFields.map((m: { manager: string }) => m.manager).sort()).toEqual(["alice", "bob"]);
  });

  it("conflicts on a field another manager changed, unless forced", () => {
    let live = serverSideApply(rt, undefined, cfg({ a: "1" }), "alice", false, now);
    live = recordUpdate(rt, live, { ...live, data: { a: "2" } }, "bob", now);
    expect(() => serverSideApply(rt, live, cfg({ a: "1" }), "alice", false, now)).toThrow(
      'Apply failed with 1 conflict: conflict with "bob" using v1: .data.a',
    );
    const forced = serverSideApply(rt, live, cfg({ a: "1" }), "alice", true, now);
    expect(forced.data).toEqual({ a: "1" });
    expect(forced.metadata.managedFields.map((m: { manager: string }) => m.manager)).toEqual(["alice"]);
  });

  it("merges keyed lists (containers by name) and removes an item it no longer applies", () => {
    const dep = R.deployments;
    const manifest = (containers: object[]) => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d", namespace: "n" },
      spec: { template: { spec: { containers } } },
    });
    const live = serverSideApply(
      dep,
      undefined,
      manifest([
        { name: "a", image: "1" },
        { name: "b", image: "2" },
      ]),
      "m",
      false,
      now,
    );
    // Something else defaulted a field into container a.
    live.spec.template.spec.containers[0].imagePullPolicy = "IfNotPresent";
    const next = serverSideApply(dep, live, manifest([{ name: "a", image: "3" }]), "m", false, now);
    expect(next.spec.template.spec.containers).toEqual([{ name: "a", image: "3", imagePullPolicy: "IfNotPresent" }]);
  });
});

describe("quantities", () => {
  it.each([
    ["100m", 0.1],
    ["2", 2],
    ["1.5", 1.5],
    ["1Ki", 1024],
    ["1Gi", 2 ** 30],
    ["1G", 1e9],
    ["1e3", 1000],
    [8, 8],
  ])("parses %s", (q, v) => {
    expect(parseQuantity(q)).toBeCloseTo(v);
  });
  it("prints canonical forms", () => {
    expect(formatQuantity(0.5, "cpu")).toBe("500m");
    expect(formatQuantity(2, "requests.cpu")).toBe("2");
    expect(formatQuantity(2 * 2 ** 30, "memory")).toBe("2Gi");
    expect(formatQuantity(7, "requests.nvidia.com/gpu")).toBe("7");
  });
  it("rejects garbage", () => {
    expect(() => parseQuantity("ten")).toThrow();
  });
});

describe("manual clock", () => {
  it("fires timers in order only when advanced", () => {
    const clock = manualClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push("b"), 200);
    clock.setTimeout(() => {
      fired.push("a");
      clock.setTimeout(() => fired.push("c"), 150);
    }, 100);
    const cancelled = clock.setTimeout(() => fired.push("x"), 50);
    clock.clearTimeout(cancelled);
    clock.advance(99);
    expect(fired).toEqual([]);
    clock.advance(200);
    expect(fired).toEqual(["a", "b", "c"]);
    expect(clock.now()).toBe(299);
  });
});

describe("watch history", () => {
  it("replays events after a version and reports compacted versions as expired", () => {
    const store = new Store();
    const hub = new WatchHub(store, 16, 0);
    for (let i = 0; i < 40; i++)
      store.create(R.configMaps, {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: `c${i}`, namespace: "n", uid: `u${i}` },
      });
    expect(hub.eventsSince(5)).toBe("expired");
    const tail = hub.eventsSince(35);
    expect(tail !== "expired" && tail.map((e) => e.rv)).toEqual([36, 37, 38, 39, 40]);
    hub.close();
  });
});

describe("topology", () => {
  it("builds the default cluster: 4×8 H100, A100 with MIG, 4×4 L40S and CPU nodes", () => {
    const nodes = buildNodes(defaultTopology(), 0).map((b) => b.node);
    const gpus = (product: string) => nodes.filter((n) => n.metadata.labels["nvidia.com/gpu.product"] === product);
    expect(gpus("NVIDIA-H100-80GB-HBM3")).toHaveLength(4);
    expect(gpus("NVIDIA-A100-SXM4-80GB")).toHaveLength(2);
    expect(gpus("NVIDIA-L40S")).toHaveLength(4);
    const mig = nodes.find((n) => n.metadata.name === "gpu-a100-mig-0")!;
    expect(mig.status.allocatable["nvidia.com/mig-1g.10gb"]).toBe("56");
    expect(mig.status.allocatable["nvidia.com/gpu"]).toBe("0");
    expect(new Set(nodes.map((n) => n.spec.podCIDR)).size).toBe(nodes.length);
  });

  it("generates large topologies", () => {
    const t = generateTopology({ nodes: 1000, gpusPerNode: 8 });
    const nodes = buildNodes(t, 0);
    expect(nodes).toHaveLength(1000);
    expect(nodes[999]!.node.status.capacity["nvidia.com/gpu"]).toBe("8");
    expect(new Set(nodes.map((n) => n.node.status.addresses[0]!.address)).size).toBe(1000);
  });
});
