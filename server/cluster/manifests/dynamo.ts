import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { IDynamoGraphDeployment } from "../crds/generated/nvidia.com/v1alpha1/DynamoGraphDeployment";
import { buildGpuClaimTemplate, gpuAttachment, migResource } from "./gpu";
import { workloadMeta, workloadName } from "./labels";
import { placementFor } from "./placement";
import { containerResources, podLabels, podScheduling, scratchVolumes, userEnv } from "./pod";
import { cpuQuantity, gibQuantity } from "./quantity";
import { type KubernetesObject, toObject } from "./types";
import type { WorkloadSpec } from "./workload-spec";

type ModelSettings = NonNullable<WorkloadSpec["model"]>;
type Backend = ModelSettings["dynamoBackend"];
type Role = "aggregated" | "prefill" | "decode";
type GeneratedComponent = NonNullable<NonNullable<IDynamoGraphDeployment["spec"]>["services"]>[string];
/** The generated type leaves `extraPodSpec` open (the CRD inlines a PodSpec); type it as one here. */
type Component = Omit<GeneratedComponent, "extraPodSpec"> & {
  extraPodSpec?: Omit<Partial<IPodSpec>, "containers"> & { mainContainer?: Partial<IContainer> };
};

/** Short service keys: the operator names children `<graph>-<key lowercased>`, which must fit 63 characters. */
const DYNAMO_SERVICE = { frontend: "Frontend", worker: "Worker", prefill: "Prefill", decode: "Decode" } as const;

/** The Service the Dynamo operator creates for the frontend: what the gateway calls. */
export function dynamoFrontendService(spec: WorkloadSpec): string {
  return `${workloadName(spec)}-${DYNAMO_SERVICE.frontend.toLowerCase()}`;
}

const FRONTEND_RESOURCES = { cpu: "1", memory: "2Gi" };

/** Worker entry points and role flags, as in Dynamo's examples for each backend. */
function workerCommand(
  backend: Backend,
  model: ModelSettings,
  role: Role,
  tensorParallel: number,
): Pick<IContainer, "command" | "args"> {
  const tp = (flag: string) => (tensorParallel > 1 ? [flag, String(tensorParallel)] : []);
  const disaggregationMode = role === "aggregated" ? [] : ["--disaggregation-mode", role];
  switch (backend) {
    case "vllm":
      return {
        command: ["python3", "-m", "dynamo.vllm"],
        args: [
          "--model",
          model.modelName,
          "--served-model-name",
          model.servedModelName,
          ...tp("--tensor-parallel-size"),
          ...(role === "prefill" ? ["--is-prefill-worker"] : role === "decode" ? ["--is-decode-worker"] : []),
        ],
      };
    case "sglang":
      return {
        command: ["python3", "-m", "dynamo.sglang"],
        args: [
          "--model-path",
          model.modelName,
          "--served-model-name",
          model.servedModelName,
          ...tp("--tp"),
          ...disaggregationMode,
          ...(role === "aggregated" ? [] : ["--disaggregation-transfer-backend", "nixl"]),
        ],
      };
    case "trtllm":
      return {
        command: ["python3", "-m", "dynamo.trtllm"],
        args: [
          "--model-path",
          model.modelName,
          "--served-model-name",
          model.servedModelName,
          ...tp("--tensor-parallel-size"),
          ...disaggregationMode,
        ],
      };
  }
}

/** Dynamo's own resource shape: a GPU count plus `gpuType` for MIG; DRA goes through claims instead. */
function workerResources(spec: WorkloadSpec, gpus: number): Component["resources"] {
  const { cpu, memoryGiB, ephemeralGiB } = spec.compute;
  const gpu = spec.compute.gpu;
  const base = {
    cpu: cpuQuantity(cpu),
    memory: gibQuantity(memoryGiB),
    ...(ephemeralGiB !== undefined && { custom: { "ephemeral-storage": gibQuantity(ephemeralGiB) } }),
  };
  const gpuFields =
    gpu.mode === "whole"
      ? { gpu: String(gpus) }
      : gpu.mode === "mig"
        ? { gpu: String(gpus), gpuType: migResource(gpu.profile) }
        : {};
  return { requests: base, limits: { ...base, ...gpuFields } };
}

function worker(spec: WorkloadSpec, model: ModelSettings, role: Role, replicas: number, gpus: number): Component {
  const attachment = gpuAttachment(spec, gpus);
  const component = role === "aggregated" ? "worker" : role;
  const claims = containerResources(spec, attachment).claims;
  const scratch = scratchVolumes(spec);
  return {
    componentType: "worker",
    ...(role !== "aggregated" && { subComponentType: role }),
    replicas,
    resources: workerResources(spec, gpus),
    extraPodMetadata: { labels: podLabels(spec, component) },
    extraPodSpec: {
      ...podScheduling(spec, attachment),
      ...(scratch.volumes.length > 0 && { volumes: scratch.volumes }),
      mainContainer: {
        image: spec.image,
        ...(spec.command
          ? { command: spec.command, ...(spec.args && { args: spec.args }) }
          : withExtraArgs(workerCommand(model.dynamoBackend, model, role, gpus), spec.args)),
        ...(scratch.volumeMounts.length > 0 && { volumeMounts: scratch.volumeMounts }),
        ...(claims && { resources: { claims } }),
      },
    },
  };
}

function withExtraArgs(
  base: Pick<IContainer, "command" | "args">,
  extra: string[] | undefined,
): Pick<IContainer, "command" | "args"> {
  return { ...base, args: [...(base.args ?? []), ...(extra ?? [])] };
}

function frontend(spec: WorkloadSpec): Component {
  return {
    componentType: "frontend",
    replicas: 1,
    resources: { requests: FRONTEND_RESOURCES, limits: FRONTEND_RESOURCES },
    extraPodMetadata: { labels: podLabels(spec, "frontend") },
    // CPU-only: it keeps the scheduler (KAI queue accounting) but not the GPU pool, runtime or tolerations.
    extraPodSpec: {
      ...(placementFor(spec).schedulerName && { schedulerName: placementFor(spec).schedulerName }),
      mainContainer: { image: spec.image },
    },
  };
}

function services(spec: WorkloadSpec, model: ModelSettings): Record<string, Component> {
  const split = model.disaggregated;
  if (!split) {
    const gpus = spec.compute.gpu.mode === "none" ? 0 : spec.compute.gpu.count;
    return {
      [DYNAMO_SERVICE.frontend]: frontend(spec),
      [DYNAMO_SERVICE.worker]: worker(spec, model, "aggregated", model.replicas.min, gpus),
    };
  }
  return {
    [DYNAMO_SERVICE.frontend]: frontend(spec),
    [DYNAMO_SERVICE.prefill]: worker(spec, model, "prefill", split.prefillWorkers, split.gpusPerWorker),
    [DYNAMO_SERVICE.decode]: worker(spec, model, "decode", split.decodeWorkers, split.gpusPerWorker),
  };
}

/** A DynamoGraphDeployment: frontend + workers, or frontend + prefill and decode pools when disaggregated. */
export function buildDynamoGraph(spec: WorkloadSpec, model: ModelSettings): KubernetesObject[] {
  const env = userEnv(spec);
  const graph = toObject<
    Omit<IDynamoGraphDeployment, "spec"> & {
      spec: { backendFramework: Backend; envs?: GeneratedComponent["envs"]; services: Record<string, Component> };
    }
  >({
    apiVersion: "nvidia.com/v1alpha1",
    kind: "DynamoGraphDeployment",
    metadata: workloadMeta(spec, workloadName(spec)),
    spec: {
      backendFramework: model.dynamoBackend,
      ...(env.length > 0 && { envs: env }),
      services: services(spec, model),
    },
  });
  const gpusPerPod = model.disaggregated?.gpusPerWorker;
  return [...buildGpuClaimTemplate(spec, gpusPerPod), graph];
}
