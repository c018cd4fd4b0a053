import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IMetricSpec } from "kubernetes-models/autoscaling/v2/MetricSpec";
import type { IProbe } from "kubernetes-models/v1/Probe";
import { clusterIpService, deploymentFor } from "./app";
import { ENGINES, type EngineProfile, tensorParallelSize } from "./engines";
import { buildGpuClaimTemplate } from "./gpu";
import { objectMeta, workloadName } from "./labels";
import { type PodOptions, podTemplate } from "./pod";
import { gibQuantity } from "./quantity";
import { type KubernetesObject, toObject } from "./types";
import type { WorkloadSpec } from "./workload-spec";

type ModelSettings = NonNullable<WorkloadSpec["model"]>;

/** Without a per-replica target the HPA falls back to CPU, a weak proxy for GPU load (see the report). */
const CPU_FALLBACK_UTILIZATION = 80;

function httpProbe(path: string, periodSeconds: number, failureThreshold: number): IProbe {
  return { httpGet: { path, port: "http" }, periodSeconds, failureThreshold };
}

function engineProbes(engine: EngineProfile): PodOptions["probes"] {
  return {
    // Weights download and load for minutes: the startup probe allows 30 before liveness takes over.
    startupProbe: httpProbe(engine.readyPath, 10, 180),
    readinessProbe: httpProbe(engine.readyPath, 10, 3),
    livenessProbe: httpProbe(engine.livePath, 30, 3),
  };
}

function scrapeAnnotations(engine: EngineProfile): Record<string, string> {
  return {
    "prometheus.io/scrape": "true",
    "prometheus.io/port": String(engine.port),
    "prometheus.io/path": engine.metricsPath,
  };
}

function autoscalerMetric(model: ModelSettings, engine: EngineProfile): IMetricSpec {
  if (model.targetInflightPerReplica !== undefined) {
    return {
      type: "Pods",
      pods: {
        metric: { name: engine.inflightMetric },
        target: { type: "AverageValue", averageValue: String(model.targetInflightPerReplica) },
      },
    };
  }
  return {
    type: "Resource",
    resource: { name: "cpu", target: { type: "Utilization", averageUtilization: CPU_FALLBACK_UTILIZATION } },
  };
}

function hasAutoscaler(model: ModelSettings): boolean {
  return model.replicas.max > model.replicas.min;
}

function autoscaler(spec: WorkloadSpec, model: ModelSettings, engine: EngineProfile): KubernetesObject[] {
  if (!hasAutoscaler(model)) return [];
  const name = workloadName(spec);
  return [
    toObject<IHorizontalPodAutoscaler>({
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: objectMeta(spec, name),
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
        minReplicas: model.replicas.min,
        maxReplicas: model.replicas.max,
        metrics: [autoscalerMetric(model, engine)],
        // A new replica takes minutes to load weights: scale down slowly so a lull does not throw them away.
        behavior: { scaleDown: { stabilizationWindowSeconds: 600 } },
      },
    }),
  ];
}

/** vLLM, NIM or SGLang behind a Deployment, a Service and (when the bounds differ) an HPA. */
export function buildModelServer(
  spec: WorkloadSpec,
  model: ModelSettings,
  engineName: keyof typeof ENGINES,
): KubernetesObject[] {
  const engine = ENGINES[engineName];
  const custom = spec.command !== undefined;
  const args = custom ? (spec.args ?? []) : [...engine.args(model, tensorParallelSize(spec)), ...(spec.args ?? [])];
  const ephemeral = spec.compute.ephemeralGiB;
  const template = podTemplate(spec, {
    containerName: "engine",
    ...((spec.command ?? engine.command) && { command: spec.command ?? engine.command }),
    ...(args.length > 0 && { args }),
    ports: [{ name: "http", containerPort: engine.port, protocol: "TCP" }],
    env: engine.env(model),
    volumes: [
      { name: "cache", emptyDir: ephemeral !== undefined ? { sizeLimit: gibQuantity(ephemeral) } : {} },
      // Tensor-parallel workers exchange through shared memory (NCCL); the runtime default is 64 MiB.
      { name: "dshm", emptyDir: { medium: "Memory" } },
    ],
    volumeMounts: [
      { name: "cache", mountPath: engine.cacheDir },
      { name: "dshm", mountPath: "/dev/shm" },
    ],
    probes: engineProbes(engine),
    annotations: scrapeAnnotations(engine),
  });
  const replicas = hasAutoscaler(model) ? undefined : model.replicas.min;
  return [
    ...buildGpuClaimTemplate(spec),
    deploymentFor(spec, template, replicas),
    clusterIpService(spec, [{ name: "http", port: engine.port }]),
    ...autoscaler(spec, model, engine),
  ];
}
