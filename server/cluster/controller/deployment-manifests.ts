import type { KubernetesObject } from "@kubernetes/client-node";
import { buildEnvSecret, buildManifests, buildProjectNamespace, parseWorkloadSpec } from "@/server/cluster/manifests";
import type { DbTx } from "@/server/db/client";

type Row = { id: string; spec: unknown; secretEnvCipher: string | null };
/**
 * Opens a deployment's sealed secret variables, sealed for that deployment's id; absent where no key is
 * configured (then none may exist).
 */
export type OpenSecretEnv = (cipher: string, deploymentId: string) => Record<string, string>;

/**
 * Everything one deployment needs on the cluster: its project's namespace (with the project's
 * GPU quota as a ResourceQuota, so the cluster enforces it too), the Secret of its secret variables,
 * and the workload itself.
 */
export async function deploymentManifests(
  db: DbTx,
  deployment: Row,
  openSecretEnv?: OpenSecretEnv,
): Promise<KubernetesObject[]> {
  const spec = parseWorkloadSpec(deployment.spec);
  const { projectId, projectSlug, orgSlug } = spec.tenant;
  const quotas = await db.projectGpuQuota.findMany({
    where: projectId ? { projectId } : { project: { slug: projectSlug, org: { slug: orgSlug } } },
    select: { maxGpus: true },
  });
  const gpus = quotas.reduce((sum, quota) => sum + quota.maxGpus, 0);
  const secrets = deployment.secretEnvCipher
    ? [buildEnvSecret(spec, openRequired(openSecretEnv)(deployment.secretEnvCipher, deployment.id))]
    : [];
  return [...buildProjectNamespace({ tenant: spec.tenant, quota: { gpus } }), ...secrets, ...buildManifests(spec)];
}

function openRequired(openSecretEnv: OpenSecretEnv | undefined): OpenSecretEnv {
  if (!openSecretEnv) throw new Error("this deployment has secret variables but PORTICO_ENCRYPTION_KEY is not set");
  return openSecretEnv;
}
