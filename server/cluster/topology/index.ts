/** Cluster topologies for the simulated cluster: the shipped default and generated ones. */
import defaultTopologyJson from "./default.json";
import type { Topology } from "./types.ts";

export { type GenerateOptions, generateTopology } from "./generate.ts";
export { buildNodes, gpuResources } from "./nodes.ts";
export type { GpuSpec, NodePool, Taint, Topology } from "./types.ts";
export { DEFAULT_POOL_LABEL } from "./types.ts";

/** The default topology: 4×8 H100, 2×8 A100 (MIG), 4×4 L40S, 2 CPU nodes. */
export function defaultTopology(): Topology {
  return structuredClone(defaultTopologyJson) as Topology;
}
