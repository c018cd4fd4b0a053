/** Synthetic topologies for scale tests: many identical GPU nodes (and optionally CPU nodes). */
import type { Topology } from "./types.ts";

export interface GenerateOptions {
  nodes: number;
  gpusPerNode?: number;
  gpuProduct?: string;
  gpuMemoryMiB?: number;
  gpuFamily?: string;
  /** CPU-only nodes added next to the GPU nodes (default 0). */
  cpuNodes?: number;
  /** Taint GPU nodes with nvidia.com/gpu=present:NoSchedule (default true). */
  taintGpuNodes?: boolean;
  zones?: number;
}

export function generateTopology(opts: GenerateOptions): Topology {
  const gpus = opts.gpusPerNode ?? 8;
  if (!Number.isInteger(opts.nodes) || opts.nodes < 0)
    throw new Error("generateTopology: nodes must be a non-negative integer");
  const zones = Array.from(
    { length: Math.max(1, opts.zones ?? 3) },
    (_, i) => `sim-region-1${String.fromCharCode(97 + i)}`,
  );
  const topology: Topology = {
    name: `generated-${opts.nodes}x${gpus}`,
    region: "sim-region-1",
    zones,
    defaultStorageClass: "standard",
    ingressClass: "nginx",
    pools: [],
  };
  if (opts.nodes > 0) {
    topology.pools.push({
      name: "gpu",
      count: opts.nodes,
      namePrefix: "gpu-node-",
      instanceType: `sim.gpu.${gpus}x`,
      cpu: String(Math.max(8, gpus * 28)),
      memory: `${Math.max(64, gpus * 256)}Gi`,
      ephemeralStorage: "7000Gi",
      gpu: {
        product: opts.gpuProduct ?? "NVIDIA-H100-80GB-HBM3",
        count: gpus,
        memoryMiB: opts.gpuMemoryMiB ?? 81559,
        family: opts.gpuFamily ?? "hopper",
        migCapable: true,
      },
      ...(opts.taintGpuNodes === false
        ? {}
        : { taints: [{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" as const }] }),
    });
  }
  if (opts.cpuNodes) {
    topology.pools.push({
      name: "cpu",
      count: opts.cpuNodes,
      namePrefix: "cpu-node-",
      cpu: "32",
      memory: "128Gi",
      ephemeralStorage: "500Gi",
    });
  }
  return topology;
}
