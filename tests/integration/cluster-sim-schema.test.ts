/**
 * Everything the simulated cluster returns for built-in kinds must pass the official schemas
 * (kubernetes-models). A recording proxy sits between client-node and the server; a scenario
 * touches every kind; then every object seen on the wire — single objects, list items and watch
 * events — is validated.
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  makeInformer,
  NetworkingV1Api,
  PatchStrategy,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimulatedCluster, startSimulatedCluster } from "@/server/cluster/sim/index.ts";
import { waitFor } from "@/server/cluster/sim/testing.ts";

/** An object or list as it crossed the wire, of any kind: typed as far as this test reads it. */
type WireObject = {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  items?: unknown;
  status?: { state?: string };
  [field: string]: unknown;
};
type ModelClass = new (data: WireObject) => { validate(): void };

let sim: SimulatedCluster;
let proxy: Server;
let kc: KubeConfig;
const seen: WireObject[] = [];

/** Every object in a response body (lists are unpacked; items get the list's apiVersion/kind). */
function collect(body: WireObject) {
  if (!body || typeof body !== "object") return;
  if (typeof body.kind === "string" && body.kind.endsWith("List") && Array.isArray(body.items)) {
    const kind = body.kind.slice(0, -4);
    for (const item of body.items) seen.push({ apiVersion: body.apiVersion, kind, ...item });
    return;
  }
  seen.push(body);
}

beforeAll(async () => {
  sim = await startSimulatedCluster({
    delays: { imagePullMs: 20, startMs: 20, terminateMs: 10, bindPvcMs: 10, loadBalancerMs: 10 },
  });
  const target = new URL(sim.url);
  proxy = createServer((req, res) => {
    const up = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 500, upRes.headers);
        res.flushHeaders();
        const ct = String(upRes.headers["content-type"] ?? "");
        let buffer = "";
        upRes.on("data", (chunk: Buffer) => {
          res.write(chunk);
          if (!ct.includes("json")) return;
          buffer += chunk.toString("utf8");
          if (req.url?.includes("watch=true")) {
            for (let i = buffer.indexOf("\n"); i >= 0; i = buffer.indexOf("\n")) {
              const line = buffer.slice(0, i);
              buffer = buffer.slice(i + 1);
              if (line.trim()) {
                const ev = JSON.parse(line);
                if (ev.type !== "BOOKMARK") collect(ev.object);
              }
            }
          }
        });
        upRes.on("end", () => {
          if (ct.includes("json") && !req.url?.includes("watch=true") && buffer.trim()) collect(JSON.parse(buffer));
          res.end();
        });
        upRes.on("error", () => res.destroy());
      },
    );
    up.on("error", () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", () => r()));
  const port = (proxy.address() as AddressInfo).port;
  kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "proxy", server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: "u", token: sim.token }],
    contexts: [{ name: "proxy", cluster: "proxy", user: "u" }],
    currentContext: "proxy",
  });
});

afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((r) => proxy.close(r));
  await sim.close();
});

/** kubernetes-models class for an apiVersion/kind, or undefined for custom resources. */
async function modelFor(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  if (kind === "Status") return (await import("@kubernetes-models/apimachinery/apis/meta/v1/Status")).Status as never;
  const custom = ["nvidia.com/", "scheduling.run.ai/", "sshpiper.com/"];
  if (custom.some((g) => apiVersion.startsWith(g))) return undefined;
  const path = `kubernetes-models/${apiVersion}/${kind}`;
  const mod = (await import(/* @vite-ignore */ path)) as Record<string, ModelClass | undefined>;
  return mod[kind];
}

describe("schema conformance", () => {
  it("returns only objects that pass the official schemas", async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const apps = kc.makeApiClient(AppsV1Api);
    const net = kc.makeApiClient(NetworkingV1Api);
    const hpa = kc.makeApiClient(AutoscalingV2Api);
    const custom = kc.makeApiClient(CustomObjectsApi);
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const ns = "schema";

    const informer = makeInformer(kc, `/api/v1/namespaces/${ns}/pods`, () => core.listNamespacedPod({ namespace: ns }));
    await core.createNamespace({ body: { metadata: { name: ns } } });
    await waitFor(() => sim.store.get("serviceaccounts", ns, "default"));
    await informer.start();

    await core.createNamespacedResourceQuota({
      namespace: ns,
      body: { metadata: { name: "q" }, spec: { hard: { "requests.nvidia.com/gpu": "32", pods: "50" } } },
    });
    await core.createNamespacedLimitRange({
      namespace: ns,
      body: {
        metadata: { name: "lr" },
        spec: {
          limits: [
            {
              type: "Container",
              defaultRequest: { cpu: "100m", memory: "128Mi" },
              _default: { cpu: "1", memory: "1Gi" },
            },
          ],
        },
      },
    });
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "cfg" }, data: { a: "b" } } });
    await core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: "sec" }, stringData: { token: "t" } },
    });
    const tolerations = [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }];
    await objects.patch(
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "app", namespace: ns, labels: { app: "app" } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: "app" } },
          template: {
            metadata: { labels: { app: "app" } },
            spec: {
              tolerations,
              containers: [
                {
                  name: "main",
                  image: "jupyter/base-notebook:latest",
                  ports: [{ containerPort: 8888, name: "http" }],
                  resources: { limits: { "nvidia.com/gpu": "1" } },
                  readinessProbe: { httpGet: { path: "/", port: 8888 } },
                },
              ],
            },
          },
        },
      } as never,
      undefined,
      undefined,
      "portico",
      true,
      PatchStrategy.ServerSideApply,
    );
    await apps.createNamespacedStatefulSet({
      namespace: ns,
      body: {
        metadata: { name: "dev" },
        spec: {
          replicas: 1,
          serviceName: "dev",
          selector: { matchLabels: { app: "dev" } },
          template: {
            metadata: { labels: { app: "dev" } },
            spec: {
              containers: [
                {
                  name: "ssh",
                  image: "ghcr.io/example/devpod:1",
                  volumeMounts: [{ name: "home", mountPath: "/home" }],
                },
              ],
            },
          },
          volumeClaimTemplates: [
            {
              metadata: { name: "home" },
              spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "50Gi" } } },
            },
          ],
        },
      },
    });
    await core.createNamespacedService({
      namespace: ns,
      body: { metadata: { name: "app" }, spec: { selector: { app: "app" }, ports: [{ port: 80, targetPort: 8888 }] } },
    });
    await core.createNamespacedService({
      namespace: ns,
      body: {
        metadata: { name: "lb" },
        spec: { type: "LoadBalancer", selector: { app: "app" }, ports: [{ port: 443 }] },
      },
    });
    await net.createNamespacedIngress({
      namespace: ns,
      body: {
        metadata: { name: "app" },
        spec: {
          ingressClassName: "nginx",
          rules: [
            {
              host: "app.example.test",
              http: {
                paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "app", port: { number: 80 } } } }],
              },
            },
          ],
        },
      },
    });
    await net.createNamespacedNetworkPolicy({
      namespace: ns,
      body: { metadata: { name: "default-deny" }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
    });
    await hpa.createNamespacedHorizontalPodAutoscaler({
      namespace: ns,
      body: {
        metadata: { name: "app" },
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "app" },
          minReplicas: 1,
          maxReplicas: 4,
          metrics: [
            { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } },
          ],
        },
      },
    });
    await objects.create({
      apiVersion: "resource.k8s.io/v1",
      kind: "ResourceClaimTemplate",
      metadata: { name: "gpu", namespace: ns },
      spec: { spec: { devices: { requests: [{ name: "gpu", exactly: { deviceClassName: "gpu.nvidia.com" } }] } } },
    } as never);
    await core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: "dra" },
        spec: {
          tolerations,
          resourceClaims: [{ name: "gpu", resourceClaimTemplateName: "gpu" }],
          containers: [{ name: "c", image: "cuda:12", resources: { claims: [{ name: "gpu" }] } }],
        },
      },
    });
    await core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: "pending" },
        spec: {
          tolerations,
          containers: [{ name: "c", image: "cuda:12", resources: { limits: { "nvidia.com/gpu": "9" } } }],
        },
      },
    });
    await custom.createNamespacedCustomObject({
      group: "nvidia.com",
      version: "v1alpha1",
      namespace: ns,
      plural: "dynamographdeployments",
      body: {
        apiVersion: "nvidia.com/v1alpha1",
        kind: "DynamoGraphDeployment",
        metadata: { name: "m" },
        spec: {
          services: {
            Frontend: { componentType: "frontend", extraPodSpec: { mainContainer: { image: "dynamo:1" } } },
            Worker: {
              componentType: "worker",
              resources: { limits: { gpu: "1" } },
              extraPodSpec: { mainContainer: { image: "dynamo:1" } },
            },
          },
        },
      },
    });
    await custom.createClusterCustomObject({
      group: "scheduling.run.ai",
      version: "v2",
      plural: "queues",
      body: {
        apiVersion: "scheduling.run.ai/v2",
        kind: "Queue",
        metadata: { name: "team-a" },
        spec: { resources: { gpu: { quota: 8, limit: 16, overQuotaWeight: 1 } } },
      },
    });

    await waitFor(
      async () => (await apps.readNamespacedDeployment({ namespace: ns, name: "app" })).status?.availableReplicas === 2,
      { description: "deployment ready" },
    );
    await waitFor(
      async () => (await apps.readNamespacedStatefulSet({ namespace: ns, name: "dev" })).status?.readyReplicas === 1,
      { description: "sts ready" },
    );
    await waitFor(
      async () => (await core.readNamespacedPod({ namespace: ns, name: "dra" })).status?.phase === "Running",
      { description: "DRA pod running" },
    );
    await waitFor(
      async () =>
        (await core.readNamespacedService({ namespace: ns, name: "lb" })).status?.loadBalancer?.ingress?.length,
      { description: "LB address" },
    );
    await waitFor(
      async () =>
        (
          (await custom.getNamespacedCustomObject({
            group: "nvidia.com",
            version: "v1alpha1",
            namespace: ns,
            plural: "dynamographdeployments",
            name: "m",
          })) as WireObject
        ).status?.state === "successful",
    );

    // Read everything back, the way a driver would.
    await core.listNode();
    await core.listNamespace();
    await core.listPodForAllNamespaces();
    for (const list of [
      core.listNamespacedPod({ namespace: ns }),
      core.listNamespacedEvent({ namespace: ns }),
      core.listNamespacedService({ namespace: ns }),
      core.listNamespacedPersistentVolumeClaim({ namespace: ns }),
      core.listPersistentVolume(),
      core.listNamespacedResourceQuota({ namespace: ns }),
      core.listNamespacedLimitRange({ namespace: ns }),
      core.listNamespacedConfigMap({ namespace: ns }),
      core.listNamespacedSecret({ namespace: ns }),
      core.listNamespacedServiceAccount({ namespace: ns }),
      apps.listNamespacedDeployment({ namespace: ns }),
      apps.listNamespacedReplicaSet({ namespace: ns }),
      apps.listNamespacedStatefulSet({ namespace: ns }),
      net.listNamespacedIngress({ namespace: ns }),
      net.listIngressClass(),
      net.listNamespacedNetworkPolicy({ namespace: ns }),
      hpa.listNamespacedHorizontalPodAutoscaler({ namespace: ns }),
      objects.list("resource.k8s.io/v1", "ResourceClaim", ns),
      objects.list("resource.k8s.io/v1", "ResourceClaimTemplate", ns),
      objects.list("resource.k8s.io/v1", "DeviceClass"),
      objects.list("node.k8s.io/v1", "RuntimeClass"),
    ]) {
      await list;
    }
    await apps.readNamespacedDeploymentScale({ namespace: ns, name: "app" });
    await core.readNamespacedPodStatus({ namespace: ns, name: "dra" }).catch(() => undefined);
    await core.readNamespacedPod({ namespace: ns, name: "nonexistent" }).catch(() => undefined);
    await apps.deleteNamespacedDeployment({ namespace: ns, name: "app" });
    await core.deleteNamespacedPod({ namespace: ns, name: "pending" });
    await waitFor(
      async () => (await core.listNamespacedPod({ namespace: ns, labelSelector: "app=app" })).items.length === 0,
    );
    await informer.stop();

    // Validate.
    const byKind = new Map<string, number>();
    const failures: string[] = [];
    for (const o of seen) {
      if (!o.kind || !o.apiVersion || ["APIResourceList", "APIVersions", "APIGroupList"].includes(o.kind)) continue;
      const Model = await modelFor(o.apiVersion, o.kind);
      byKind.set(o.kind, (byKind.get(o.kind) ?? 0) + 1);
      if (!Model) continue;
      try {
        new Model(o).validate();
      } catch (e) {
        failures.push(`${o.kind} ${o.metadata?.namespace ?? ""}/${o.metadata?.name ?? ""}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    // The scenario really covered the kinds.
    for (const kind of [
      "Pod",
      "Node",
      "Namespace",
      "Event",
      "Service",
      "PersistentVolumeClaim",
      "PersistentVolume",
      "ResourceQuota",
      "LimitRange",
      "ConfigMap",
      "Secret",
      "ServiceAccount",
      "Deployment",
      "ReplicaSet",
      "StatefulSet",
      "Ingress",
      "NetworkPolicy",
      "HorizontalPodAutoscaler",
      "ResourceClaim",
      "ResourceClaimTemplate",
      "DeviceClass",
      "RuntimeClass",
      "Scale",
      "Status",
    ]) {
      expect(byKind.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
    expect(seen.length).toBeGreaterThan(150);
  });
});
