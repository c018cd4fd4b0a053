"use client";

import { useTranslations } from "next-intl";
import { gpuMillisOf, gpuResourceOf, type LaunchCapacity } from "@/lib/deployments/capacity";
import type { SkuSpec } from "@/lib/skus/spec";

type Props = {
  /** The spec with the form's values applied (null while a value is invalid). */
  launched: SkuSpec | null;
  /** Read by the browser: undefined while it loads; `failed` when it could not be read. */
  capacity: LaunchCapacity | undefined;
  failed: boolean;
  projectId: string;
  cluster: { id: string; name: string } | undefined;
};

const NO_QUOTA = { projectLimit: 0, projectUsed: 0, orgLimit: 0, orgUsed: 0 };

/** Before launch: the quota left in the chosen project and org, and what the chosen cluster has free. */
export function CapacityNote({ launched, capacity, failed, projectId, cluster }: Props) {
  const t = useTranslations("launch");
  const gpu = launched?.compute.gpu;
  if (!launched || !gpu || gpu.mode === "none") return null;
  if (!capacity)
    return (
      <p className="text-sm text-fg-muted" role="status">
        {t(failed ? "capacityFailed" : "capacityLoading")}
      </p>
    );
  const replicas = launched.kind === "model" ? launched.model.replicas.max : 1;
  // The same arithmetic as the server's quota claim: a MIG slice of g of 7 holds g/7 of a GPU.
  const asked = gpuMillisOf(gpu, replicas) / 1000;
  const quota = capacity.quotas[projectId]?.[gpu.model] ?? NO_QUOTA;
  const left = Math.max(0, Math.min(quota.projectLimit - quota.projectUsed, quota.orgLimit - quota.orgUsed));
  const resource = gpuResourceOf(gpu);
  const free = cluster && resource ? capacity.free[cluster.id]?.[`${gpu.model}|${resource}`] : undefined;
  const devicesAsked = gpu.count * replicas;
  return (
    <div className="flex flex-col gap-1 rounded-md bg-surface-muted p-3 text-sm" data-testid="capacity">
      <p>
        {t("quota", {
          model: gpu.model,
          used: quota.projectUsed,
          limit: quota.projectLimit,
          orgUsed: quota.orgUsed,
          orgLimit: quota.orgLimit,
        })}
      </p>
      {asked > left && <p className="text-danger">{t("overQuota", { asked, left })}</p>}
      {cluster &&
        (free === undefined ? (
          <p className="text-fg-muted">{t("capacityUnknown", { cluster: cluster.name })}</p>
        ) : (
          <p className={free < devicesAsked ? "text-warning" : undefined}>
            {t(free < devicesAsked ? "overCapacity" : "free", { free, cluster: cluster.name })}
          </p>
        ))}
    </div>
  );
}
