/**
 * The simulated GPU cluster: a loopback HTTP server speaking the Kubernetes REST API, with
 * nodes from a topology, a scheduler, kubelets, controllers, quota admission and fault injection,
 * so the production driver (@kubernetes/client-node) runs unchanged against it.
 *
 *   const sim = await startSimulatedCluster({ delays: { imagePullMs: 20, startMs: 20 } });
 *   const core = sim.kubeConfig.makeApiClient(CoreV1Api);
 *   …
 *   await sim.close();
 */

import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { KubeConfig } from "@kubernetes/client-node";
import { buildNodes, defaultTopology, type Topology } from "../topology/index.ts";
import { Admission } from "./admission.ts";
import { ApiServer } from "./apiserver.ts";
import { type Clock, realClock } from "./clock.ts";
import { DEFAULT_DELAYS, type Delays, type SimContext } from "./context.ts";
import { DeploymentController } from "./controllers/deployment.ts";
import { ResourceClaimController } from "./controllers/dra.ts";
import { DynamoController } from "./controllers/dynamo.ts";
import { GarbageCollector } from "./controllers/gc.ts";
import { HpaController } from "./controllers/hpa.ts";
import { NamespaceController } from "./controllers/namespace.ts";
import { NetworkingController } from "./controllers/networking.ts";
import { QuotaController } from "./controllers/quota.ts";
import { ReplicaSetController } from "./controllers/replicaset.ts";
import { StatefulSetController } from "./controllers/statefulset.ts";
import { VolumeController } from "./controllers/volumes.ts";
import { EventRecorder } from "./events.ts";
import { FaultInjector } from "./faults.ts";
import { Ipam } from "./ipam.ts";
import { Kubelets } from "./kubelet.ts";
import { UsageTracker } from "./quota-usage.ts";
import { R, RESOURCE_TYPES, type ResourceType } from "./resources.ts";
import { createRouter } from "./router.ts";
import { DRA_DRIVER, Scheduler } from "./scheduler.ts";
import { type Obj, Store } from "./store.ts";
import { WatchHub } from "./watch-hub.ts";

export { defaultTopology, generateTopology, type Topology } from "../topology/index.ts";
export { type Clock, type ManualClock, manualClock, realClock } from "./clock.ts";
export type { Delays } from "./context.ts";
export { type FailOptions, FaultInjector, type RequestMatch } from "./faults.ts";
export type { Obj as KubeObject } from "./store.ts";

export interface SimulatedClusterOptions {
  /** Nodes to create (default: server/cluster/topology/default.json). */
  topology?: Topology;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Time source for kubelet delays, back-offs and timestamps (default: the wall clock). */
  clock?: Clock;
  /** Kubelet and controller delays, in (clock) milliseconds. */
  delays?: Partial<Delays>;
  /**
   * Bearer token clients must send. Default: a random token (put in `kubeConfig`);
   * `false` disables authentication.
   */
  token?: string | false;
  /** Watch events kept for resuming watches (default 10 000); older versions get 410 Expired. */
  watchHistory?: number;
  /** How often BOOKMARK events go to watches that allow them (default 60 s, real time). */
  bookmarkIntervalMs?: number;
  /**
   * Validate every object the server stores (and therefore returns) against the official
   * kubernetes-models schemas; failures are collected in `store.outputErrors` (default false).
   */
  selfCheck?: boolean;
  /** Extra namespaces created at start. */
  namespaces?: string[];
  /**
   * The scheduler's percentageOfNodesToScore: 100 (default) scores every feasible node, which
   * bin-packs GPUs tightly; 0 uses kube-scheduler's adaptive default (faster on huge clusters,
   * looser packing).
   */
  percentageOfNodesToScore?: number;
  /** Errors thrown inside simulated components (default: console.error). */
  onError?: (component: string, key: string, err: unknown) => void;
}

/** Read access to the simulated cluster's state, for tests. */
export interface ClusterInspector {
  /** `resource` is a plural ("pods") or qualified plural ("deployments.apps"). */
  get(resource: string, namespace: string, name: string): Obj | undefined;
  list(resource: string, namespace?: string): Obj[];
  count(resource: string, namespace?: string): number;
  readonly resourceVersion: number;
  /** Built-in objects that failed schema validation (with `selfCheck`). */
  readonly outputErrors: readonly { kind: string; name: string; error: string }[];
  /** Errors thrown by simulated components. */
  readonly componentErrors: readonly { component: string; key: string; error: string }[];
  readonly openWatches: number;
  /** Allocatable and used resources per node, as the scheduler accounts them. */
  capacity(): { node: string; allocatable: Record<string, number>; used: Record<string, number> }[];
  /** Scheduling attempts so far. */
  readonly schedulingAttempts: number;
}

export interface SimulatedCluster {
  /** http://127.0.0.1:<port> */
  url: string;
  /** A KubeConfig (client-node) pointing at the server, with the bearer token. */
  kubeConfig: KubeConfig;
  /** The same configuration as kubeconfig YAML (JSON, which is YAML), for files and other processes. */
  kubeConfigYaml: string;
  token: string | undefined;
  faults: FaultInjector;
  store: ClusterInspector;
  clock: Clock;
  close(): Promise<void>;
}

function resolveResource(resource: string): ResourceType {
  const t = RESOURCE_TYPES.find((x) => x.qualified === resource || x.resource === resource || x.kind === resource);
  if (!t) throw new Error(`unknown resource "${resource}"`);
  return t;
}

function makeKubeConfig(url: string, token: string | undefined): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "portico-sim", server: url, skipTLSVerify: true }],
    users: [{ name: "portico-sim", ...(token ? { token } : {}) }],
    contexts: [{ name: "portico-sim", cluster: "portico-sim", user: "portico-sim", namespace: "default" }],
    currentContext: "portico-sim",
  });
  return kc;
}

function seed(api: ApiServer, topology: Topology, extraNamespaces: string[]) {
  const internal = { internal: true };
  for (const ns of ["default", "kube-system", "kube-public", "kube-node-lease", ...extraNamespaces]) {
    if (!api.store.get(R.namespaces, "", ns)) api.create(R.namespaces, "", { metadata: { name: ns } }, internal);
  }
  for (const { node } of buildNodes(topology, api.clock.now())) api.create(R.nodes, "", node, internal);
  for (const rc of topology.runtimeClasses ?? []) {
    api.create(
      R.runtimeClasses,
      "",
      {
        metadata: { name: rc.name },
        handler: rc.handler,
        ...(rc.nodeSelector ? { scheduling: { nodeSelector: rc.nodeSelector } } : {}),
      },
      internal,
    );
  }
  api.create(
    R.deviceClasses,
    "",
    {
      metadata: { name: DRA_DRIVER },
      spec: {
        selectors: [
          {
            cel: { expression: `device.driver == '${DRA_DRIVER}' && device.attributes['${DRA_DRIVER}'].type == 'gpu'` },
          },
        ],
      },
    },
    internal,
  );
  if (topology.ingressClass) {
    api.create(
      R.ingressClasses,
      "",
      {
        metadata: {
          name: topology.ingressClass,
          annotations: { "ingressclass.kubernetes.io/is-default-class": "true" },
        },
        spec: { controller: `k8s.io/ingress-${topology.ingressClass}` },
      },
      internal,
    );
  }
  api.create(
    R.services,
    "default",
    {
      metadata: { name: "kubernetes", labels: { component: "apiserver", provider: "kubernetes" } },
      spec: {
        clusterIP: "10.96.0.1",
        ports: [{ name: "https", port: 443, targetPort: 6443, protocol: "TCP" }],
        type: "ClusterIP",
      },
    },
    internal,
  );
}

export async function startSimulatedCluster(options: SimulatedClusterOptions = {}): Promise<SimulatedCluster> {
  const clock = options.clock ?? realClock();
  const topology = options.topology ?? defaultTopology();
  const delays: Delays = { ...DEFAULT_DELAYS, ...(options.delays ?? {}) };
  const token = options.token === false ? undefined : (options.token ?? randomBytes(24).toString("base64url"));
  const componentErrors: { component: string; key: string; error: string }[] = [];
  const onError =
    options.onError ??
    ((component: string, key: string, err: unknown) => {
      console.error(`[portico-sim] ${component} ${key}:`, err);
    });
  const reportError = (component: string, key: string, err: unknown) => {
    componentErrors.push({ component, key, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    if (componentErrors.length > 1000) componentErrors.shift();
    onError(component, key, err);
  };

  const store = new Store();
  const hub = new WatchHub(store, options.watchHistory ?? 10_000, options.bookmarkIntervalMs ?? 60_000);
  const usage = new UsageTracker(store);
  const ipam = new Ipam();
  const admission = new Admission(store, usage, {
    extendedResourceToleration: Boolean(topology.extendedResourceToleration),
    defaultStorageClass: topology.defaultStorageClass,
  });
  const api = new ApiServer(store, hub, clock, admission, ipam);
  let unsubscribeCheck: (() => void) | undefined;
  if (options.selfCheck) {
    unsubscribeCheck = store.subscribe((ev) => {
      if (ev.type !== "DELETED") api.checkOutput(ev.rt, ev.object);
    });
  }
  let server: Server | undefined;
  const faults = new FaultInjector((graceful) => hub.dropAll(graceful));
  const recorder = new EventRecorder(api);
  const ctx: SimContext = { api, store, clock, recorder, faults, ipam, usage, delays, onError: reportError };

  const components = [
    new GarbageCollector(ctx),
    new NamespaceController(ctx),
    new ReplicaSetController(ctx),
    new DeploymentController(ctx),
    new StatefulSetController(ctx),
    new VolumeController(ctx),
    new QuotaController(ctx),
    new NetworkingController(ctx),
    new HpaController(ctx),
    new DynamoController(ctx),
    new ResourceClaimController(ctx),
  ];
  seed(api, topology, options.namespaces ?? []);
  const scheduler = new Scheduler(ctx, options.percentageOfNodesToScore ?? 100);
  const kubelets = new Kubelets(ctx);

  let address = "";
  const router = createRouter({ api, faults, clock, token, serverAddress: () => address, onError: reportError });
  server = createServer((req, res) => {
    void router(req, res);
  });
  server.keepAliveTimeout = 5_000;
  const sockets = new Set<Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server!.once("error", reject);
    server!.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port, address: host } = server.address() as AddressInfo;
  address = `${host}:${port}`;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const kubeConfig = makeKubeConfig(url, token);

  const inspector: ClusterInspector = {
    get: (resource, namespace, name) => store.get(resolveResource(resource), namespace, name),
    list: (resource, namespace) => store.list(resolveResource(resource), namespace),
    count: (resource, namespace) => store.count(resolveResource(resource), namespace),
    get resourceVersion() {
      return store.resourceVersion;
    },
    outputErrors: api.outputErrors,
    componentErrors,
    get openWatches() {
      return hub.openWatches;
    },
    capacity: () => scheduler.capacity(),
    get schedulingAttempts() {
      return scheduler.attempts;
    },
  };

  let closed = false;
  return {
    url,
    kubeConfig,
    kubeConfigYaml: kubeConfig.exportConfig(),
    token,
    faults,
    store: inspector,
    clock,
    async close() {
      if (closed) return;
      closed = true;
      scheduler.close();
      kubelets.close();
      for (const c of components) c.close();
      usage.close();
      unsubscribeCheck?.();
      hub.close();
      await new Promise<void>((resolve) => {
        server!.close(() => resolve());
        server!.closeAllConnections();
        for (const s of sockets) s.destroy();
      });
    },
  };
}
