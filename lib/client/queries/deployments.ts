import { queryOptions } from "@tanstack/react-query";
import { getJson } from "@/lib/client/api";
import { type DeploymentRow, type DeploymentStatus, isSettled } from "@/lib/deployments/status";

const MOVING_MS = 2_000;
const SETTLED_MS = 15_000;

/** Which deployments a list shows: a SKU's test launches (provider admins) or the caller's own of a SKU. */
export type DeploymentListFilter = { skuId: string; testLaunches: boolean };

export const deploymentKeys = {
  all: ["deployments"] as const,
  lists: () => [...deploymentKeys.all, "list"] as const,
  list: (filter: DeploymentListFilter) => [...deploymentKeys.lists(), filter] as const,
  details: () => [...deploymentKeys.all, "detail"] as const,
  detail: (deploymentId: string) => [...deploymentKeys.details(), deploymentId] as const,
};

/** Polled quickly while something is coming up or going away, slowly once everything has settled. */
const pollEvery = (phases: DeploymentStatus["phase"][]) => (phases.every(isSettled) ? SETTLED_MS : MOVING_MS);

/** A list with every row's status in one request per interval. */
export const deploymentListQuery = (filter: DeploymentListFilter) =>
  queryOptions({
    queryKey: deploymentKeys.list(filter),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ skuId: filter.skuId, testLaunches: String(filter.testLaunches) });
      return getJson<{ deployments: DeploymentRow[] }>(`/api/v1/deployments?${query}`, signal);
    },
    refetchInterval: (query) => pollEvery(query.state.data?.deployments.map((d) => d.status.phase) ?? ["pending"]),
  });

/** One deployment's status, e.g. right after its launch. */
export const deploymentQuery = (deploymentId: string) =>
  queryOptions({
    queryKey: deploymentKeys.detail(deploymentId),
    queryFn: ({ signal }) =>
      getJson<DeploymentStatus>(`/api/v1/deployments/${encodeURIComponent(deploymentId)}`, signal),
    refetchInterval: (query) => pollEvery([query.state.data?.phase ?? "pending"]),
  });
