import type { V1Node, V1Pod } from "@kubernetes/client-node";

export type GpuPool = { model: string; resource: string; allocatable: number; allocated: number; nodes: number };
export type ClusterCapacity = { nodes: number; readyNodes: number; pools: GpuPool[] };

const GPU_PRODUCT_LABEL = "nvidia.com/gpu.product";
const isGpuResource = (name: string) => name === "nvidia.com/gpu" || name.startsWith("nvidia.com/mig-");

const isReady = (node: V1Node) =>
  node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
const isActive = (pod: V1Pod) =>
  !!pod.spec?.nodeName && pod.status?.phase !== "Succeeded" && pod.status?.phase !== "Failed";

/** Quantities of GPUs and MIG slices are plain integers ("8"). */
const count = (quantity: string | undefined) => (quantity ? Number.parseInt(quantity, 10) || 0 : 0);

/**
 * Allocatable and allocated GPUs by model and resource (whole GPUs, each MIG profile), from
 * the nodes and the pods bound to them. Pure, so it is tested without a cluster.
 */
export function computeCapacity(nodes: V1Node[], pods: V1Pod[]): ClusterCapacity {
  const pools = new Map<string, GpuPool>();
  const modelOfNode = new Map<string, string>();
  for (const node of nodes) {
    const model = node.metadata?.labels?.[GPU_PRODUCT_LABEL];
    if (!model) continue;
    modelOfNode.set(node.metadata!.name!, model);
    for (const [resource, quantity] of Object.entries(node.status?.allocatable ?? {})) {
      if (!isGpuResource(resource) || count(quantity) === 0) continue;
      const key = `${model}|${resource}`;
      const pool = pools.get(key) ?? { model, resource, allocatable: 0, allocated: 0, nodes: 0 };
      pool.allocatable += count(quantity);
      pool.nodes += 1;
      pools.set(key, pool);
    }
  }
  for (const pod of pods.filter(isActive)) {
    const model = modelOfNode.get(pod.spec!.nodeName!);
    if (!model) continue;
    for (const container of pod.spec?.containers ?? []) {
      for (const [resource, quantity] of Object.entries(container.resources?.limits ?? {})) {
        const pool = pools.get(`${model}|${resource}`);
        if (pool) pool.allocated += count(String(quantity));
      }
    }
  }
  return {
    nodes: nodes.length,
    readyNodes: nodes.filter(isReady).length,
    pools: [...pools.values()].sort((a, b) => a.model.localeCompare(b.model) || a.resource.localeCompare(b.resource)),
  };
}
