"use client";

import { useQuery } from "@tanstack/react-query";
import { isSettled, type DeploymentStatus } from "@/lib/deployments/status";

const MOVING_MS = 2_000;
const SETTLED_MS = 15_000;

/** A deployment's status from the API, polled quickly while it is coming up and slowly after. */
export function useDeploymentStatus(deploymentId: string) {
  return useQuery({
    queryKey: ["deployment", deploymentId],
    queryFn: async ({ signal }) => {
      const response = await fetch(`/api/v1/deployments/${encodeURIComponent(deploymentId)}`, { signal, cache: "no-store" });
      if (!response.ok) throw new Error(`status ${response.status}`);
      return (await response.json()) as DeploymentStatus;
    },
    refetchInterval: (query) => (query.state.data && isSettled(query.state.data.phase) ? SETTLED_MS : MOVING_MS),
  });
}
