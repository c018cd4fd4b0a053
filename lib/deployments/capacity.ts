import type { GpuRequest } from "@/lib/skus/spec";

/** Quota and free GPUs a launch form shows before launch, in whole GPUs (MIG slices as free slices). */
export type LaunchCapacity = {
  /** projectId → GPU model → limits and use of the project and its org. */
  quotas: Record<
    string,
    Record<string, { projectLimit: number; projectUsed: number; orgLimit: number; orgUsed: number }>
  >;
  /** clusterId → "<model>|<resource>" → free devices now; absent when the cluster could not be asked. */
  free: Record<string, Record<string, number>>;
};

/** The same for the SKU Studio's test launches, in the provider's sandbox project; null until it exists. */
export type SandboxCapacity = { projectId: string; capacity: LaunchCapacity } | null;

/** The device-plugin resource a GPU request consumes, or null for DRA (claimed from a device class). */
export function gpuResourceOf(gpu: GpuRequest): string | null {
  if (gpu.mode === "whole") return "nvidia.com/gpu";
  if (gpu.mode === "mig") return `nvidia.com/mig-${gpu.profile}`;
  return null;
}

/** A MIG slice "<g>g.<m>gb" holds g of the GPU's 7 compute slices. */
const MIG_SLICES_PER_GPU = 7;

/** Thousandths of a GPU a deployment holds at most (all replicas up), rounded up: quotas never under-count. */
export function gpuMillisOf(gpu: GpuRequest, replicas = 1): number {
  if (gpu.mode === "none") return 0;
  if (gpu.mode !== "mig") return gpu.count * 1000 * replicas;
  const slices = Number.parseInt(gpu.profile, 10);
  return Math.ceil((gpu.count * slices * 1000 * replicas) / MIG_SLICES_PER_GPU);
}

/** Thousandths of a GPU as GPUs, to two decimals (what forms and messages show). */
export const gpusOf = (millis: number | null | undefined) => Math.round((millis ?? 0) / 10) / 100;
