import type { IResourceClaimTemplate } from "kubernetes-models/resource.k8s.io/v1/ResourceClaimTemplate";
import type { IPodResourceClaim } from "kubernetes-models/v1/PodResourceClaim";
import type { IResourceClaim } from "kubernetes-models/v1/ResourceClaim";
import type { IToleration } from "kubernetes-models/v1/Toleration";
import { objectMeta, workloadName } from "./labels";
import { type KubernetesObject, toObject } from "./types";
import type { GpuRequest, WorkloadSpec } from "./workload-spec";

/** GPU Feature Discovery's node label; its values are the product name with spaces turned into dashes. */
export const GPU_PRODUCT_LABEL = "nvidia.com/gpu.product";
export const GPU_RESOURCE = "nvidia.com/gpu";
/** The claim (and request) name pods and containers use for DRA GPUs. */
const DRA_CLAIM_NAME = "gpu";

/** GPU nodes are tainted so that CPU-only pods stay off them; every GPU mode tolerates that taint. */
const GPU_TOLERATION: IToleration = { key: GPU_RESOURCE, operator: "Exists", effect: "NoSchedule" };

export function migResource(profile: string): string {
  return `nvidia.com/mig-${profile}`;
}

function claimTemplateName(spec: WorkloadSpec): string {
  return `${workloadName(spec)}-gpu`;
}

/** How one pod gets its GPUs: resources for the container, scheduling for the pod, objects to apply first. */
export interface GpuAttachment {
  /** Extended resources, set as both request and limit (Kubernetes requires them equal). */
  resources: Record<string, string>;
  containerClaims: IResourceClaim[];
  podResourceClaims: IPodResourceClaim[];
  nodeSelector: Record<string, string>;
  tolerations: IToleration[];
}

const NO_GPU: GpuAttachment = {
  resources: {},
  containerClaims: [],
  podResourceClaims: [],
  nodeSelector: {},
  tolerations: [],
};

/** `count` overrides the spec's count (Dynamo workers size themselves per worker). */
export function gpuAttachment(spec: WorkloadSpec, count?: number): GpuAttachment {
  const gpu = spec.compute.gpu;
  if (gpu.mode === "none") return NO_GPU;
  const scheduling = { nodeSelector: { [GPU_PRODUCT_LABEL]: gpu.model }, tolerations: [GPU_TOLERATION] };
  const n = String(count ?? gpu.count);
  switch (gpu.mode) {
    case "whole":
      return { ...NO_GPU, ...scheduling, resources: { [GPU_RESOURCE]: n } };
    case "mig":
      return { ...NO_GPU, ...scheduling, resources: { [migResource(gpu.profile)]: n } };
    case "dra":
      // The claim's CEL selector picks the product; a nodeSelector would be redundant and could disagree.
      return {
        ...NO_GPU,
        tolerations: [GPU_TOLERATION],
        containerClaims: [{ name: DRA_CLAIM_NAME }],
        podResourceClaims: [{ name: DRA_CLAIM_NAME, resourceClaimTemplateName: claimTemplateName(spec) }],
      };
  }
}

/** CEL over the NVIDIA DRA driver's `productName` attribute, normalised the way GFD writes node labels. */
export function productSelector(model: string): string {
  return `device.attributes["gpu.nvidia.com"].productName.replace(" ", "-") == ${JSON.stringify(model)}`;
}

/** The ResourceClaimTemplate a DRA pod needs; none for the other modes. */
export function buildGpuClaimTemplate(spec: WorkloadSpec, count?: number): KubernetesObject[] {
  const gpu: GpuRequest = spec.compute.gpu;
  if (gpu.mode !== "dra") return [];
  const template = toObject<IResourceClaimTemplate>({
    apiVersion: "resource.k8s.io/v1",
    kind: "ResourceClaimTemplate",
    metadata: objectMeta(spec, claimTemplateName(spec)),
    spec: {
      spec: {
        devices: {
          requests: [
            {
              name: DRA_CLAIM_NAME,
              exactly: {
                deviceClassName: gpu.deviceClass,
                allocationMode: "ExactCount",
                count: count ?? gpu.count,
                selectors: [{ cel: { expression: productSelector(gpu.model) } }],
              },
            },
          ],
        },
      },
    },
  });
  return [template];
}
