/**
 * The simulated cluster's REST API, driven by the real @kubernetes/client-node over loopback:
 * discovery, CRUD, server-side apply, patches, selectors and the real error shapes.
 */
import {
  ApiException,
  ApisApi,
  AppsV1Api,
  CoreApi,
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  type V1ConfigMap,
  type V1Deployment,
  type V1Status,
  VersionApi,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimulatedCluster, startSimulatedCluster } from "@/server/cluster/sim/index.ts";
import { waitFor } from "@/server/cluster/sim/testing.ts";

let sim: SimulatedCluster;
let kc: KubeConfig;
let core: CoreV1Api;
let apps: AppsV1Api;

beforeAll(async () => {
  sim = await startSimulatedCluster({
    delays: { imagePullMs: 20, startMs: 20, terminateMs: 10, bindPvcMs: 10 },
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

/** Runs `fn`, expects an ApiException, returns its code and parsed Status body. */
async function apiError(fn: () => Promise<unknown>): Promise<{ code: number; status: V1Status }> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiException);
    const ex = e as ApiException<string>;
    return { code: ex.code, status: JSON.parse(ex.body) };
  }
  throw new Error("expected the call to fail");
}

function deployment(name: string, labels: Record<string, string> = {}, replicas = 1): V1Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, labels: { app: name, ...labels } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name: "app", image: "nginx:1.27", resources: { requests: { cpu: "100m", memory: "64Mi" } } }],
        },
      },
    },
  };
}

async function namespace(name: string) {
  await core.createNamespace({ body: { metadata: { name } } });
  await waitFor(() => sim.store.get("serviceaccounts", name, "default"), { description: "default service account" });
}

describe("discovery", () => {
  it("serves /version, /api, /apis and every group's resource list", async () => {
    const version = await kc.makeApiClient(VersionApi).getCode();
    expect(version.major).toBe("1");
    expect(version.gitVersion).toContain("portico-sim");

    const api = await kc.makeApiClient(CoreApi).getAPIVersions();
    expect(api.versions).toEqual(["v1"]);

    const groups = await kc.makeApiClient(ApisApi).getAPIVersions();
    const names = groups.groups.map((g) => g.name).sort();
    expect(names).toEqual(
      [
        "apps",
        "autoscaling",
        "networking.k8s.io",
        "node.k8s.io",
        "nvidia.com",
        "resource.k8s.io",
        "scheduling.run.ai",
        "sshpiper.com",
      ].sort(),
    );

    const v1 = await core.getAPIResources();
    const v1Names = v1.resources.map((r) => r.name);
    for (const r of [
      "namespaces",
      "nodes",
      "pods",
      "pods/log",
      "services",
      "persistentvolumeclaims",
      "events",
      "resourcequotas",
      "limitranges",
      "configmaps",
      "secrets",
    ]) {
      expect(v1Names).toContain(r);
    }
    expect(v1.resources.find((r) => r.name === "pods")).toMatchObject({
      namespaced: true,
      kind: "Pod",
      shortNames: ["po"],
    });
    expect(v1.resources.find((r) => r.name === "nodes")?.namespaced).toBe(false);

    const appsList = await apps.getAPIResources();
    expect(appsList.resources.map((r) => r.name)).toEqual(
      expect.arrayContaining(["deployments", "statefulsets", "deployments/scale", "deployments/status"]),
    );

    const custom = kc.makeApiClient(CustomObjectsApi);
    const checks: [string, string, string][] = [
      ["networking.k8s.io", "v1", "ingresses"],
      ["networking.k8s.io", "v1", "networkpolicies"],
      ["autoscaling", "v2", "horizontalpodautoscalers"],
      ["resource.k8s.io", "v1", "resourceclaimtemplates"],
      ["nvidia.com", "v1alpha1", "dynamographdeployments"],
      ["scheduling.run.ai", "v2", "queues"],
      ["sshpiper.com", "v1beta1", "pipes"],
    ];
    for (const [group, version, plural] of checks) {
      const list = await custom.getAPIResources({ group, version });
      expect(list.groupVersion).toBe(`${group}/${version}`);
      expect(list.resources.map((r) => r.name)).toContain(plural);
    }
  });

  it("answers an unknown group with the real 404 Status", async () => {
    const res = await fetch(`${sim.url}/apis/example.com/v1`, { headers: { Authorization: `Bearer ${sim.token}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      kind: "Status",
      apiVersion: "v1",
      status: "Failure",
      reason: "NotFound",
      code: 404,
    });
  });

  it("rejects requests without the bearer token", async () => {
    const res = await fetch(`${sim.url}/api/v1/namespaces`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ kind: "Status", reason: "Unauthorized", code: 401 });
  });
});

describe("nodes from the topology", () => {
  it("lists GPU nodes with product labels, capacity and Ready", async () => {
    const nodes = await core.listNode({ labelSelector: "nvidia.com/gpu.product=NVIDIA-H100-80GB-HBM3" });
    expect(nodes.items).toHaveLength(4);
    const n = nodes.items[0]!;
    expect(n.status?.capacity?.["nvidia.com/gpu"]).toBe("8");
    expect(n.status?.allocatable?.["nvidia.com/gpu"]).toBe("8");
    expect(n.metadata?.labels?.["nvidia.com/gpu.count"]).toBe("8");
    expect(n.metadata?.labels?.["portico.dev/node-pool"]).toBe("h100");
    expect(n.spec?.taints).toEqual([{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }]);
    expect(n.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");

    const mig = await core.listNode({ labelSelector: "nvidia.com/mig.strategy=mixed" });
    expect(mig.items).toHaveLength(2);
    const capacities = mig.items.map((x) => x.status?.capacity ?? {});
    expect(capacities.some((c) => c["nvidia.com/mig-1g.10gb"] === "56")).toBe(true);
    const l40s = await core.listNode({ labelSelector: "nvidia.com/gpu.product in (NVIDIA-L40S)" });
    expect(l40s.items.map((x) => x.status?.capacity?.["nvidia.com/gpu"])).toEqual(["4", "4", "4", "4"]);
  });
});

describe("CRUD", () => {
  it("creates, reads, lists, replaces and deletes a namespace", async () => {
    const created = await core.createNamespace({ body: { metadata: { name: "crud-ns", labels: { team: "a" } } } });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(created.status?.phase).toBe("Active");
    expect(created.metadata?.labels?.["kubernetes.io/metadata.name"]).toBe("crud-ns");

    const read = await core.readNamespace({ name: "crud-ns" });
    expect(read.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);

    const listed = await core.listNamespace({ labelSelector: "team=a" });
    expect(listed.items.map((n) => n.metadata?.name)).toEqual(["crud-ns"]);

    read.metadata!.labels = { ...read.metadata!.labels, team: "b" };
    const replaced = await core.replaceNamespace({ name: "crud-ns", body: read });
    expect(replaced.metadata?.labels?.team).toBe("b");
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(Number(read.metadata?.resourceVersion));

    const deleted = await core.deleteNamespace({ name: "crud-ns" });
    expect(deleted).toBeTruthy();
    await waitFor(
      async () => {
        const { code } = await apiError(() => core.readNamespace({ name: "crud-ns" }));
        return code === 404;
      },
      { description: "namespace gone" },
    );
  });

  it("creates, gets, lists, replaces and deletes a deployment", async () => {
    await namespace("crud");
    const created = await apps.createNamespacedDeployment({ namespace: "crud", body: deployment("web") });
    expect(created.metadata?.generation).toBe(1);
    expect(created.spec?.strategy?.type).toBe("RollingUpdate");
    expect(created.spec?.template?.spec?.containers[0]?.imagePullPolicy).toBe("IfNotPresent");

    const got = await apps.readNamespacedDeployment({ namespace: "crud", name: "web" });
    expect(got.metadata?.uid).toBe(created.metadata?.uid);

    const list = await apps.listNamespacedDeployment({ namespace: "crud" });
    expect(list.items.map((d) => d.metadata?.name)).toEqual(["web"]);
    expect(Number(list.metadata?.resourceVersion)).toBeGreaterThan(0);

    const ready = await waitFor(
      async () => {
        const d = await apps.readNamespacedDeployment({ namespace: "crud", name: "web" });
        return d.status?.availableReplicas === 1 ? d : undefined;
      },
      { description: "deployment available" },
    );
    ready.spec!.replicas = 3;
    const replaced = await apps.replaceNamespacedDeployment({ namespace: "crud", name: "web", body: ready });
    expect(replaced.spec?.replicas).toBe(3);
    expect(replaced.metadata?.generation).toBe(2);

    // A stale resourceVersion is a 409 Conflict.
    const { code, status } = await apiError(() =>
      apps.replaceNamespacedDeployment({ namespace: "crud", name: "web", body: ready }),
    );
    expect(code).toBe(409);
    expect(status).toMatchObject({
      kind: "Status",
      reason: "Conflict",
      message:
        'Operation cannot be fulfilled on deployments.apps "web": ' +
        "the object has been modified; please apply your changes to the latest version and try again",
    });

    await waitFor(
      async () => (await apps.readNamespacedDeployment({ namespace: "crud", name: "web" })).status?.readyReplicas === 3,
      {
        description: "3 ready replicas",
      },
    );
    await apps.deleteNamespacedDeployment({ namespace: "crud", name: "web" });
    const gone = await apiError(() => apps.readNamespacedDeployment({ namespace: "crud", name: "web" }));
    expect(gone.code).toBe(404);
    expect(gone.status).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'deployments.apps "web" not found',
      reason: "NotFound",
      details: { name: "web", group: "apps", kind: "deployments" },
      code: 404,
    });
  });

  it("returns AlreadyExists, Invalid and BadRequest in the real shapes", async () => {
    await namespace("errors");
    await apps.createNamespacedDeployment({ namespace: "errors", body: deployment("dup") });
    const dup = await apiError(() => apps.createNamespacedDeployment({ namespace: "errors", body: deployment("dup") }));
    expect(dup.code).toBe(409);
    expect(dup.status).toMatchObject({
      reason: "AlreadyExists",
      message: 'deployments.apps "dup" already exists',
      details: { name: "dup", group: "apps", kind: "deployments" },
    });

    const bad = await apiError(() =>
      apps.createNamespacedDeployment({ namespace: "errors", body: deployment("Bad_Name") }),
    );
    expect(bad.code).toBe(422);
    expect(bad.status.reason).toBe("Invalid");
    expect(bad.status.message).toContain(
      'Deployment.apps "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain',
    );
    expect(bad.status.details?.causes?.[0]).toMatchObject({ reason: "FieldValueInvalid", field: "metadata.name" });

    const noImage = deployment("noimage");
    delete noImage.spec!.template.spec!.containers[0]!.image;
    const invalid = await apiError(() => apps.createNamespacedDeployment({ namespace: "errors", body: noImage }));
    expect(invalid.status.message).toBe(
      'Deployment.apps "noimage" is invalid: spec.template.spec.containers[0].image: Required value',
    );

    const mismatch = deployment("mismatch");
    mismatch.spec!.template.metadata!.labels = { app: "other" };
    const sel = await apiError(() => apps.createNamespacedDeployment({ namespace: "errors", body: mismatch }));
    expect(sel.status.message).toContain("`selector` does not match template `labels`");

    const nsMissing = await apiError(() =>
      apps.createNamespacedDeployment({ namespace: "nope", body: deployment("x") }),
    );
    expect(nsMissing.code).toBe(404);
    expect(nsMissing.status.message).toBe('namespaces "nope" not found');

    // Unknown query parameters are rejected, not ignored.
    const res = await fetch(`${sim.url}/api/v1/namespaces?frobnicate=1`, {
      headers: { Authorization: `Bearer ${sim.token}` },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ kind: "Status", reason: "BadRequest", code: 400 });

    const strict = await apiError(() =>
      core.createNamespacedConfigMap({
        namespace: "errors",
        body: { metadata: { name: "c" } },
        fieldValidation: "Strict",
      }),
    );
    expect(strict.code).toBe(400);
    expect(strict.status.message).toContain("not supported by the simulated cluster");

    const badDryRun = await apiError(() =>
      core.createNamespacedConfigMap({ namespace: "errors", body: { metadata: { name: "c" } }, dryRun: "Sometimes" }),
    );
    expect(badDryRun.code).toBe(422);
  });

  it("honours dryRun=All without persisting", async () => {
    await namespace("dry");
    const cm = await core.createNamespacedConfigMap({
      namespace: "dry",
      body: { metadata: { name: "cfg" }, data: { a: "1" } },
      dryRun: "All",
    });
    expect(cm.metadata?.name).toBe("cfg");
    expect((await apiError(() => core.readNamespacedConfigMap({ namespace: "dry", name: "cfg" }))).code).toBe(404);
  });

  it("paginates lists with limit and continue", async () => {
    await namespace("pages");
    for (let i = 0; i < 5; i++)
      await core.createNamespacedConfigMap({ namespace: "pages", body: { metadata: { name: `cm-${i}` } } });
    const first = await core.listNamespacedConfigMap({ namespace: "pages", limit: 2 });
    expect(first.items.map((c) => c.metadata?.name)).toEqual(["cm-0", "cm-1"]);
    expect(first.metadata?.remainingItemCount).toBe(3);
    const second = await core.listNamespacedConfigMap({
      namespace: "pages",
      limit: 2,
      _continue: first.metadata?._continue,
    });
    expect(second.items.map((c) => c.metadata?.name)).toEqual(["cm-2", "cm-3"]);
    const third = await core.listNamespacedConfigMap({
      namespace: "pages",
      limit: 2,
      _continue: second.metadata?._continue,
    });
    expect(third.items.map((c) => c.metadata?.name)).toEqual(["cm-4"]);
    expect(third.metadata?._continue).toBeUndefined();
  });
});

describe("server-side apply", () => {
  it("is idempotent, updates changed fields, bumps generation and records managedFields", async () => {
    await namespace("ssa");
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const manifest = {
      ...deployment("api"),
      metadata: { name: "api", namespace: "ssa", labels: { app: "api", tier: "web" } },
    };
    const first = (await objects.patch(
      structuredClone(manifest),
      undefined,
      undefined,
      "portico",
      true,
      PatchStrategy.ServerSideApply,
    )) as V1Deployment;
    expect(first.metadata?.generation).toBe(1);
    expect(first.metadata?.managedFields?.[0]).toMatchObject({
      manager: "portico",
      operation: "Apply",
      apiVersion: "apps/v1",
      fieldsType: "FieldsV1",
    });

    const second = (await objects.patch(
      structuredClone(manifest),
      undefined,
      undefined,
      "portico",
      true,
      PatchStrategy.ServerSideApply,
    )) as V1Deployment;
    expect(second.metadata?.generation).toBe(1);
    expect(second.metadata?.managedFields?.find((m) => m.manager === "portico")).toEqual(
      first.metadata?.managedFields?.find((m) => m.manager === "portico"),
    );
    expect(second.spec).toEqual(first.spec);

    // With no controller touching it, a repeated apply does not even write (same resourceVersion).
    const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "ssa" }, data: { k: "v" } };
    const cm1 = (await objects.patch(
      structuredClone(cm),
      undefined,
      undefined,
      "portico",
      true,
      PatchStrategy.ServerSideApply,
    )) as V1ConfigMap;
    const cm2 = (await objects.patch(
      structuredClone(cm),
      undefined,
      undefined,
      "portico",
      true,
      PatchStrategy.ServerSideApply,
    )) as V1ConfigMap;
    expect(cm2.metadata?.resourceVersion).toBe(cm1.metadata?.resourceVersion);

    const changed = structuredClone(manifest);
    changed.spec!.replicas = 2;
    changed.spec!.template.spec!.containers[0]!.image = "nginx:1.28";
    delete (changed.metadata.labels as Record<string, string>).tier;
    const third = (await objects.patch(
      changed,
      undefined,
      undefined,
      "portico",
      true,
      PatchStrategy.ServerSideApply,
    )) as V1Deployment;
    expect(third.metadata?.generation).toBe(2);
    expect(third.spec?.replicas).toBe(2);
    expect(third.spec?.template.spec?.containers[0]?.image).toBe("nginx:1.28");
    // The label this manager stopped applying is removed.
    expect(third.metadata?.labels).toEqual({ app: "api" });
  });

  it("requires a fieldManager and reports conflicts with other managers unless forced", async () => {
    await namespace("ssa2");
    const body = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { a: "1" } });
    const headers = { Authorization: `Bearer ${sim.token}`, "Content-Type": "application/apply-patch+yaml" };
    const noManager = await fetch(`${sim.url}/api/v1/namespaces/ssa2/configmaps/cfg`, {
      method: "PATCH",
      headers,
      body,
    });
    expect(noManager.status).toBe(422);
    expect(await noManager.json()).toMatchObject({
      reason: "Invalid",
      message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    });

    const created = await fetch(`${sim.url}/api/v1/namespaces/ssa2/configmaps/cfg?fieldManager=alice`, {
      method: "PATCH",
      headers,
      body,
    });
    expect(created.status).toBe(201);

    // Another manager changes the value with a regular update…
    await core.patchNamespacedConfigMap(
      { namespace: "ssa2", name: "cfg", body: { data: { a: "2" } }, fieldManager: "bob" },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
    // …so alice's apply of a=1 conflicts.
    const conflict = await fetch(`${sim.url}/api/v1/namespaces/ssa2/configmaps/cfg?fieldManager=alice`, {
      method: "PATCH",
      headers,
      body,
    });
    expect(conflict.status).toBe(409);
    const status = await conflict.json();
    expect(status).toMatchObject({
      reason: "Conflict",
      message: 'Apply failed with 1 conflict: conflict with "bob" using v1: .data.a',
    });
    expect(status.details.causes[0]).toMatchObject({ reason: "FieldManagerConflict", field: ".data.a" });

    const forced = await fetch(`${sim.url}/api/v1/namespaces/ssa2/configmaps/cfg?fieldManager=alice&force=true`, {
      method: "PATCH",
      headers,
      body,
    });
    expect(forced.status).toBe(200);
    expect((await forced.json()).data).toEqual({ a: "1" });
  });

  it("merges container lists by name and accepts all patch content types", async () => {
    await namespace("patches");
    await apps.createNamespacedDeployment({ namespace: "patches", body: deployment("p") });
    const merged = await apps.patchNamespacedDeployment(
      {
        namespace: "patches",
        name: "p",
        body: { spec: { template: { spec: { containers: [{ name: "app", image: "nginx:2" }] } } } },
      },
      setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch),
    );
    const c = merged.spec?.template.spec?.containers[0];
    expect(c?.image).toBe("nginx:2");
    expect(c?.resources?.requests?.cpu).toBe("100m");

    const mp = await apps.patchNamespacedDeployment(
      { namespace: "patches", name: "p", body: { metadata: { annotations: { owner: "me" } } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
    expect(mp.metadata?.annotations?.owner).toBe("me");

    const jp = await apps.patchNamespacedDeployment({
      namespace: "patches",
      name: "p",
      body: [{ op: "replace", path: "/spec/replicas", value: 2 }],
    });
    expect(jp.spec?.replicas).toBe(2);

    // Custom resources do not support strategic merge patch (415), as on a real cluster.
    const custom = kc.makeApiClient(CustomObjectsApi);
    await custom.createNamespacedCustomObject({
      group: "sshpiper.com",
      version: "v1beta1",
      namespace: "patches",
      plural: "pipes",
      body: {
        apiVersion: "sshpiper.com/v1beta1",
        kind: "Pipe",
        metadata: { name: "pipe" },
        spec: { from: [{ username: "u" }], to: { host: "svc:22" } },
      },
    });
    const smp = await apiError(() =>
      custom.patchNamespacedCustomObject(
        {
          group: "sshpiper.com",
          version: "v1beta1",
          namespace: "patches",
          plural: "pipes",
          name: "pipe",
          body: { spec: { to: { host: "x:22" } } },
        },
        setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch),
      ),
    );
    expect(smp.code).toBe(415);
  });
});

describe("selectors", () => {
  it("filters by label selectors (=, ==, !=, in, notin, exists, !key) and field selectors", async () => {
    await namespace("sel");
    const mk = (name: string, labels: Record<string, string>) =>
      core.createNamespacedConfigMap({ namespace: "sel", body: { metadata: { name, labels } } });
    await mk("a", { env: "prod", tier: "web" });
    await mk("b", { env: "dev", tier: "web" });
    await mk("c", { env: "prod" });
    await mk("d", { other: "x" });
    const names = async (labelSelector?: string, fieldSelector?: string) =>
      (await core.listNamespacedConfigMap({ namespace: "sel", labelSelector, fieldSelector })).items
        .map((c) => c.metadata?.name)
        .sort();
    expect(await names("env=prod")).toEqual(["a", "c"]);
    expect(await names("env==prod")).toEqual(["a", "c"]);
    expect(await names("env!=prod")).toEqual(["b", "d"]);
    expect(await names("env in (dev, prod),tier")).toEqual(["a", "b"]);
    expect(await names("env notin (prod)")).toEqual(["b", "d"]);
    expect(await names("tier")).toEqual(["a", "b"]);
    expect(await names("!tier")).toEqual(["c", "d"]);
    expect(await names("env=prod,!tier")).toEqual(["c"]);
    expect(await names(undefined, "metadata.name=b")).toEqual(["b"]);
    expect(await names(undefined, "metadata.name!=b,metadata.namespace=sel")).toEqual(["a", "c", "d"]);

    const badField = await apiError(() =>
      core.listNamespacedConfigMap({ namespace: "sel", fieldSelector: "spec.nodeName=x" }),
    );
    expect(badField.code).toBe(400);
    expect(badField.status.message).toBe("field label not supported: spec.nodeName");
    const badLabel = await apiError(() => core.listNamespacedConfigMap({ namespace: "sel", labelSelector: "a in (b" }));
    expect(badLabel.code).toBe(400);

    // Cluster-wide list with a field selector.
    const all = await core.listPodForAllNamespaces({ fieldSelector: "status.phase=Running" });
    expect(all.items.every((p) => p.status?.phase === "Running")).toBe(true);
  });
});
