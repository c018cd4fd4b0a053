/**
 * A simulated cluster's hardware: node pools of identical machines. The same shape describes the
 * shipped default (default.json) and generated scale topologies.
 */

export interface Taint {
  key: string;
  value?: string;
  effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

export interface GpuSpec {
  /** nvidia.com/gpu.product, e.g. "NVIDIA-H100-80GB-HBM3". */
  product: string;
  /** Physical GPUs per node. */
  count: number;
  /** nvidia.com/gpu.memory in MiB. */
  memoryMiB: number;
  /** nvidia.com/gpu.family, e.g. "hopper". */
  family: string;
  /** nvidia.com/mig.capable. */
  migCapable?: boolean;
  /**
   * MIG partitioning (mixed strategy): how many physical GPUs are partitioned and into what.
   * Whole (unpartitioned) GPUs stay schedulable as nvidia.com/gpu.
   */
  mig?: {
    /** nvidia.com/mig.config label value, e.g. "all-1g.10gb". */
    config: string;
    /** Physical GPUs that are MIG-partitioned. */
    partitionedGpus: number;
    /** Per partitioned GPU: profile → instances, e.g. {"1g.10gb": 7}. */
    perGpu: Record<string, number>;
    /** Memory per profile in MiB, for the nvidia.com/mig-<profile>.memory label. */
    memoryMiB?: Record<string, number>;
  };
}

export interface NodePool {
  /** Pool name: the value of the pool label, and the node name prefix. */
  name: string;
  count: number;
  /** Defaults to `<name>-`. */
  namePrefix?: string;
  instanceType?: string;
  cpu: string;
  memory: string;
  ephemeralStorage: string;
  /** Max pods per node (default 110). */
  pods?: number;
  gpu?: GpuSpec;
  labels?: Record<string, string>;
  taints?: Taint[];
  /** Overrides the pool label value (several pools can share one). */
  poolLabelValue?: string;
}

export interface Topology {
  name: string;
  region?: string;
  zones?: string[];
  /** Label carrying the node pool name (default "portico.dev/node-pool"). */
  poolLabel?: string;
  pools: NodePool[];
  /** RuntimeClasses the cluster offers (Kata etc.). */
  runtimeClasses?: { name: string; handler: string; nodeSelector?: Record<string, string> }[];
  /** StorageClass given to claims without one. */
  defaultStorageClass?: string;
  /** The ExtendedResourceToleration admission plugin (GKE-style automatic GPU tolerations). */
  extendedResourceToleration?: boolean;
  /** A default IngressClass. */
  ingressClass?: string;
}

export const DEFAULT_POOL_LABEL = "portico.dev/node-pool";
