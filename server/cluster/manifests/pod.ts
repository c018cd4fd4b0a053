import type { IContainer } from "kubernetes-models/v1/Container";
import type { IContainerPort } from "kubernetes-models/v1/ContainerPort";
import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { IPodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";
import type { IResourceRequirements } from "kubernetes-models/v1/ResourceRequirements";
import type { IVolume } from "kubernetes-models/v1/Volume";
import type { IVolumeMount } from "kubernetes-models/v1/VolumeMount";
import { type GpuAttachment, gpuAttachment } from "./gpu";
import { identityLabels, selectorLabels } from "./labels";
import { dnsLabel } from "./names";
import { placementFor } from "./placement";
import { cpuQuantity, gibQuantity } from "./quantity";
import type { WorkloadSpec } from "./workload-spec";

export interface PodOptions {
  /** Selector component; "main" unless a deployment has several pod kinds (Dynamo). */
  component?: string;
  containerName: string;
  command?: string[];
  args?: string[];
  ports: IContainerPort[];
  /** Platform env, appended after the user's. */
  env?: IEnvVar[];
  volumes?: IVolume[];
  volumeMounts?: IVolumeMount[];
  probes?: Pick<IContainer, "readinessProbe" | "livenessProbe" | "startupProbe">;
  annotations?: Record<string, string>;
}

export function userEnv(spec: WorkloadSpec): IEnvVar[] {
  return spec.env.map((e) =>
    "secretRef" in e
      ? { name: e.name, valueFrom: { secretKeyRef: { name: e.secretRef.name, key: e.secretRef.key } } }
      : { name: e.name, value: e.value },
  );
}

export function userPorts(spec: WorkloadSpec): IContainerPort[] {
  return spec.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: "TCP" }));
}

/**
 * Requests equal limits for CPU, memory and GPUs: GPU pods get Guaranteed QoS (exclusive cores under the
 * static CPU manager), and extended resources must have request = limit anyway.
 */
export function containerResources(spec: WorkloadSpec, gpu: GpuAttachment): IResourceRequirements {
  const { cpu, memoryGiB, ephemeralGiB } = spec.compute;
  const amounts: Record<string, string> = {
    cpu: cpuQuantity(cpu),
    memory: gibQuantity(memoryGiB),
    ...(ephemeralGiB !== undefined && { "ephemeral-storage": gibQuantity(ephemeralGiB) }),
    ...gpu.resources,
  };
  return {
    requests: { ...amounts },
    limits: { ...amounts },
    ...(gpu.containerClaims.length > 0 && { claims: gpu.containerClaims }),
  };
}

function nonEmpty<T>(items: T[] | undefined): T[] | undefined {
  return items && items.length > 0 ? items : undefined;
}

function nonEmptyMap(map: Record<string, string>): Record<string, string> | undefined {
  return Object.keys(map).length > 0 ? map : undefined;
}

/** Scheduling fields shared by plain pods and Dynamo's `extraPodSpec`. */
export function podScheduling(spec: WorkloadSpec, gpu: GpuAttachment): Partial<IPodSpec> {
  const placement = placementFor(spec);
  const nodeSelector = nonEmptyMap({ ...placement.nodeSelector, ...gpu.nodeSelector });
  return {
    ...(placement.schedulerName && { schedulerName: placement.schedulerName }),
    ...(placement.runtimeClassName && { runtimeClassName: placement.runtimeClassName }),
    ...(nodeSelector && { nodeSelector }),
    ...(gpu.tolerations.length > 0 && { tolerations: gpu.tolerations }),
    ...(gpu.podResourceClaims.length > 0 && { resourceClaims: gpu.podResourceClaims }),
  };
}

export function podLabels(spec: WorkloadSpec, component: string): Record<string, string> {
  return { ...identityLabels(spec), ...placementFor(spec).podLabels, ...selectorLabels(spec, component) };
}

/** Prefixed so a scratch volume never takes the name of one the builders add (workspace, data, keys). */
const scratchVolumeName = (name: string) => dnsLabel(`scratch-${name}`);

/** The spec's scratch volumes (emptied at every restart) and where the main container mounts them. */
export function scratchVolumes(spec: WorkloadSpec): { volumes: IVolume[]; volumeMounts: IVolumeMount[] } {
  return {
    volumes: spec.scratch.map((v) => ({ name: scratchVolumeName(v.name), emptyDir: {} })),
    volumeMounts: spec.scratch.map((v) => ({ name: scratchVolumeName(v.name), mountPath: v.mountPath })),
  };
}

/** The pod template every built-in workload (StatefulSet, Deployment) uses. */
export function podTemplate(spec: WorkloadSpec, options: PodOptions): IPodTemplateSpec {
  const gpu = gpuAttachment(spec);
  const scratch = scratchVolumes(spec);
  const volumes = [...(options.volumes ?? []), ...scratch.volumes];
  const volumeMounts = [...(options.volumeMounts ?? []), ...scratch.volumeMounts];
  const env = [...userEnv(spec), ...(options.env ?? [])];
  const container: IContainer = {
    name: options.containerName,
    image: spec.image,
    imagePullPolicy: "IfNotPresent",
    ...(options.command && { command: options.command }),
    ...(options.args && { args: options.args }),
    ...(env.length > 0 && { env }),
    ...(options.ports.length > 0 && { ports: options.ports }),
    resources: containerResources(spec, gpu),
    ...(nonEmpty(volumeMounts) && { volumeMounts }),
    ...options.probes,
  };
  return {
    metadata: {
      labels: podLabels(spec, options.component ?? "main"),
      ...(options.annotations && { annotations: options.annotations }),
    },
    spec: {
      // User workloads never talk to the Kubernetes API, and service env vars only leak neighbours' names.
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      containers: [container],
      ...(nonEmpty(volumes) && { volumes }),
      ...podScheduling(spec, gpu),
    },
  };
}
