import type { GpuRequest } from "@/lib/skus/spec";

/** Quota and free GPUs a launch form shows before launch, in whole GPUs (MIG slices as free slices). */
export type LaunchCapacity = {
  /** projectId → GPU model → limits and use of the project and its org. */
  quotas: Record<string, Record<string, { projectLimit: number; projectUsed: number; orgLimit: number; orgUsed: number }>>;
  /** clusterId → "<model>|<resource>" → free devices now; absent when the cluster could not be asked. */
  free: Record<string, Record<string, number>>;
};

/** The device-plugin resource a GPU request consumes, or null for DRA (claimed from a device class). */
export function gpuResourceOf(gpu: GpuRequest): string | null {
  if (gpu.mode === "whole") return "nvidia.com/gpu";
  if (gpu.mode === "mig") return `nvidia.com/mig-${gpu.profile}`;
  return null;
}
