/** Turns a topology into Node objects as a kubelet plus the NVIDIA GPU operator would report them. */
import { DEFAULT_POOL_LABEL, type GpuSpec, type NodePool, type Taint, type Topology } from "./types.ts";

type NodeCondition = {
  type: string;
  status: string;
  lastHeartbeatTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
};

/** A Node object as a kubelet registers it: the fields the simulated nodes carry. */
type NodeObject = {
  apiVersion: "v1";
  kind: "Node";
  metadata: { name: string; labels: Record<string, string>; annotations: Record<string, string> };
  spec: { podCIDR: string; podCIDRs: string[]; providerID: string; taints?: Taint[] };
  status: {
    capacity: Record<string, string>;
    allocatable: Record<string, string>;
    conditions: NodeCondition[];
    addresses: { type: "InternalIP" | "Hostname"; address: string }[];
    daemonEndpoints: { kubeletEndpoint: { Port: number } };
    nodeInfo: Record<string, string>;
  };
};

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

function bytes(q: string): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti)?$/.exec(q);
  if (!m) throw new Error(`topology: unsupported quantity "${q}" (use Ki/Mi/Gi/Ti)`);
  return Math.round(Number(m[1]) * (m[2] ? BINARY[m[2]]! : 1));
}

const ki = (b: number) => `${Math.floor(b / 1024)}Ki`;

function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

export function gpuResources(gpu: GpuSpec | undefined): Record<string, number> {
  if (!gpu) return {};
  const partitioned = gpu.mig?.partitionedGpus ?? 0;
  const out: Record<string, number> = { "nvidia.com/gpu": gpu.count - partitioned };
  for (const [profile, n] of Object.entries(gpu.mig?.perGpu ?? {})) out[`nvidia.com/mig-${profile}`] = n * partitioned;
  return out;
}

function gpuLabels(gpu: GpuSpec, instanceType: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {
    "nvidia.com/gpu.present": "true",
    "nvidia.com/gpu.product": gpu.product,
    "nvidia.com/gpu.count": String(gpu.count),
    "nvidia.com/gpu.memory": String(gpu.memoryMiB),
    "nvidia.com/gpu.family": gpu.family,
    "nvidia.com/cuda.driver.major": "550",
    "nvidia.com/cuda.runtime.major": "12",
    "nvidia.com/mig.capable": String(Boolean(gpu.migCapable)),
    "feature.node.kubernetes.io/pci-10de.present": "true",
  };
  if (instanceType) labels["nvidia.com/gpu.machine"] = instanceType;
  if (gpu.mig) {
    labels["nvidia.com/mig.strategy"] = "mixed";
    labels["nvidia.com/mig.config"] = gpu.mig.config;
    labels["nvidia.com/mig.config.state"] = "success";
    for (const [profile, n] of Object.entries(gpu.mig.perGpu)) {
      labels[`nvidia.com/mig-${profile}.count`] = String(n * gpu.mig.partitionedGpus);
      labels[`nvidia.com/mig-${profile}.product`] = `${gpu.product}-MIG-${profile}`;
      const mem = gpu.mig.memoryMiB?.[profile];
      if (mem) labels[`nvidia.com/mig-${profile}.memory`] = String(mem);
    }
  }
  return labels;
}

interface BuiltNode {
  node: NodeObject;
  pool: NodePool;
}

/** Node objects for every pool member, with capacity, allocatable, labels, taints and conditions. */
export function buildNodes(topology: Topology, nowMs: number, kubeletVersion = "v1.33.1"): BuiltNode[] {
  const out: BuiltNode[] = [];
  const poolLabel = topology.poolLabel ?? DEFAULT_POOL_LABEL;
  const zones = topology.zones?.length ? topology.zones : ["sim-zone-a"];
  const region = topology.region ?? "sim-region";
  const seen = new Set<string>();
  let index = 0;
  const ts = rfc3339(nowMs);
  for (const pool of topology.pools) {
    const prefix = pool.namePrefix ?? `${pool.name}-`;
    for (let i = 0; i < pool.count; i++, index++) {
      const name = `${prefix}${i}`;
      if (seen.has(name)) throw new Error(`topology: duplicate node name ${name}`);
      seen.add(name);
      const zone = zones[i % zones.length]!;
      const cpu = Number(pool.cpu);
      if (!Number.isFinite(cpu) || cpu <= 0)
        throw new Error(`topology: pool ${pool.name}: cpu must be a number of cores`);
      const memory = bytes(pool.memory);
      const storage = bytes(pool.ephemeralStorage);
      const pods = pool.pods ?? 110;
      const gpu = gpuResources(pool.gpu);
      const capacity: Record<string, string> = {
        cpu: String(cpu),
        memory: ki(memory),
        "ephemeral-storage": ki(storage),
        pods: String(pods),
        "hugepages-1Gi": "0",
        "hugepages-2Mi": "0",
      };
      const reservedCpuMilli = cpu >= 16 ? 1000 : 100;
      const allocatable: Record<string, string> = {
        cpu: `${cpu * 1000 - reservedCpuMilli}m`,
        memory: ki(memory - Math.max(2 ** 30, Math.round(memory * 0.01))),
        "ephemeral-storage": String(Math.floor(storage * 0.9)),
        pods: String(pods),
        "hugepages-1Gi": "0",
        "hugepages-2Mi": "0",
      };
      for (const [r, n] of Object.entries(gpu)) {
        capacity[r] = String(n);
        allocatable[r] = String(n);
      }
      const a = Math.floor(index / 250);
      const b = (index % 250) + 2;
      const internalIp = `10.0.${a}.${b}`;
      const podCidr = `10.${64 + Math.floor(index / 256)}.${index % 256}.0/24`;
      const labels: Record<string, string> = {
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/os": "linux",
        "beta.kubernetes.io/arch": "amd64",
        "topology.kubernetes.io/region": region,
        "topology.kubernetes.io/zone": zone,
        [poolLabel]: pool.poolLabelValue ?? pool.name,
        ...(pool.instanceType ? { "node.kubernetes.io/instance-type": pool.instanceType } : {}),
        ...(pool.gpu ? gpuLabels(pool.gpu, pool.instanceType) : {}),
        ...(pool.labels ?? {}),
      };
      const condition = (type: string, status: string, reason: string, message: string): NodeCondition => ({
        type,
        status,
        lastHeartbeatTime: ts,
        lastTransitionTime: ts,
        reason,
        message,
      });
      const node: NodeObject = {
        apiVersion: "v1",
        kind: "Node",
        metadata: {
          name,
          labels,
          annotations: {
            "node.alpha.kubernetes.io/ttl": "0",
            "volumes.kubernetes.io/controller-managed-attach-detach": "true",
            "portico.dev/simulated": "true",
          },
        },
        spec: {
          podCIDR: podCidr,
          podCIDRs: [podCidr],
          providerID: `portico-sim://${region}/${zone}/${name}`,
          ...(pool.taints?.length ? { taints: pool.taints.map((t) => ({ ...t })) } : {}),
        },
        status: {
          capacity,
          allocatable,
          conditions: [
            condition(
              "MemoryPressure",
              "False",
              "KubeletHasSufficientMemory",
              "kubelet has sufficient memory available",
            ),
            condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
          ],
          addresses: [
            { type: "InternalIP", address: internalIp },
            { type: "Hostname", address: name },
          ],
          daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
          nodeInfo: {
            machineID: name
              .replace(/[^a-z0-9]/g, "")
              .padEnd(32, "0")
              .slice(0, 32),
            systemUUID: `00000000-0000-0000-0000-${String(index).padStart(12, "0")}`,
            bootID: `00000000-0000-0000-0000-${String(index).padStart(12, "0")}`,
            kernelVersion: "6.8.0-sim",
            osImage: "Portico simulated node (Ubuntu 22.04 compatible)",
            containerRuntimeVersion: "containerd://1.7.27-sim",
            kubeletVersion,
            kubeProxyVersion: kubeletVersion,
            operatingSystem: "linux",
            architecture: "amd64",
          },
        },
      };
      out.push({ node, pool });
    }
  }
  return out;
}
