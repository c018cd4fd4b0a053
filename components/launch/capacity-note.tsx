"use client";

import { useTranslations } from "next-intl";
import { gpuResourceOf, type LaunchCapacity } from "@/lib/deployments/capacity";
import type { FormValues } from "@/lib/skus/launch-values";
import type { GpuRequest, SkuSpec } from "@/lib/skus/spec";

/** The GPU request the form's values make (they may change the model, count or slice). */
function requestOf(spec: SkuSpec, form: FormValues): GpuRequest {
  const gpu = spec.compute.gpu;
  if (gpu.mode === "none") return gpu;
  const count = Number(form["compute.gpu.count"] ?? gpu.count);
  const model = form["compute.gpu.model"] ?? gpu.model;
  return gpu.mode === "mig" ? { ...gpu, model, count, profile: form["compute.gpu.profile"] ?? gpu.profile } : { ...gpu, model, count };
}

type Props = { spec: SkuSpec; form: FormValues; capacity: LaunchCapacity; projectId: string; cluster: { id: string; name: string } | undefined };

/** Before launch: the quota left in the chosen project and org, and what the chosen cluster has free. */
export function CapacityNote({ spec, form, capacity, projectId, cluster }: Props) {
  const t = useTranslations("launch");
  const gpu = requestOf(spec, form);
  if (gpu.mode === "none" || !Number.isFinite(gpu.count)) return null;
  const replicas = spec.kind === "model" ? Number(form["model.replicas.max"] ?? spec.model.replicas.max) : 1;
  const asked = gpu.mode === "mig" ? Math.ceil((gpu.count * Number.parseInt(gpu.profile, 10) * replicas * 100) / 7) / 100 : gpu.count * replicas;
  const quota = capacity.quotas[projectId]?.[gpu.model] ?? { projectLimit: 0, projectUsed: 0, orgLimit: 0, orgUsed: 0 };
  const left = Math.max(0, Math.min(quota.projectLimit - quota.projectUsed, quota.orgLimit - quota.orgUsed));
  const resource = gpuResourceOf(gpu);
  const free = cluster && resource ? capacity.free[cluster.id]?.[`${gpu.model}|${resource}`] : undefined;
  return (
    <div className="flex flex-col gap-1 rounded-md bg-surface-muted p-3 text-sm" data-testid="capacity">
      <p>{t("quota", { model: gpu.model, used: quota.projectUsed, limit: quota.projectLimit, orgUsed: quota.orgUsed, orgLimit: quota.orgLimit })}</p>
      {asked > left && <p className="text-danger">{t("overQuota", { asked, left })}</p>}
      {cluster && (free === undefined ? <p className="text-fg-muted">{t("capacityUnknown", { cluster: cluster.name })}</p>
        : <p className={free < gpu.count ? "text-warning" : undefined}>{t(free < gpu.count ? "overCapacity" : "free", { free, cluster: cluster.name })}</p>)}
    </div>
  );
}
