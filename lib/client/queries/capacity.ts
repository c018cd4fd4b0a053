import { queryOptions } from "@tanstack/react-query";
import { getJson } from "@/lib/client/api";
import type { LaunchCapacity, SandboxCapacity } from "@/lib/deployments/capacity";

/** Quotas and free GPUs change with every launch anywhere: read when a form opens, refreshed now and then. */
const STALE_MS = 15_000;

export const capacityKeys = {
  all: ["capacity"] as const,
  launch: (skuId: string) => [...capacityKeys.all, "launch", skuId] as const,
  sandbox: (skuId: string) => [...capacityKeys.all, "sandbox", skuId] as const,
};

/** For a member's launch form: the org's and its projects' quotas and the clusters' free GPUs. */
export const launchCapacityQuery = (skuId: string) =>
  queryOptions({
    queryKey: capacityKeys.launch(skuId),
    queryFn: ({ signal }) =>
      getJson<LaunchCapacity>(`/api/v1/skus/${encodeURIComponent(skuId)}/launch-capacity`, signal),
    staleTime: STALE_MS,
    refetchInterval: STALE_MS * 2,
  });

/** For the SKU Studio's test launch: the provider's sandbox project (null until it exists). */
export const sandboxCapacityQuery = (skuId: string) =>
  queryOptions({
    queryKey: capacityKeys.sandbox(skuId),
    queryFn: ({ signal }) =>
      getJson<SandboxCapacity>(`/api/v1/skus/${encodeURIComponent(skuId)}/sandbox-capacity`, signal),
    staleTime: STALE_MS,
    refetchInterval: STALE_MS * 2,
  });
