import type { KubernetesObject } from "@kubernetes/client-node";
import type { DbTx } from "@/server/db/client";
import { buildManifests, buildProjectNamespace, parseWorkloadSpec } from "@/server/cluster/manifests";

/**
 * Everything one deployment needs on the cluster: its project's namespace (with the project's
 * GPU quota as a ResourceQuota, so the cluster enforces it too) and the workload itself.
 */
export async function deploymentManifests(db: DbTx, deployment: { id: string; spec: unknown }): Promise<KubernetesObject[]> {
  const spec = parseWorkloadSpec(deployment.spec);
  const quotas = await db.projectGpuQuota.findMany({
    where: { project: { slug: spec.tenant.projectSlug, org: { slug: spec.tenant.orgSlug } } },
    select: { maxGpus: true },
  });
  const gpus = quotas.reduce((sum, quota) => sum + quota.maxGpus, 0);
  return [...buildProjectNamespace({ tenant: spec.tenant, quota: { gpus } }), ...buildManifests(spec)];
}
