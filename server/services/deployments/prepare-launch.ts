import { resolveLaunch, type SkuOverride } from "@/lib/skus/overrides";
import type { SkuSpec } from "@/lib/skus/spec";
import { sshPublicKeySchema } from "@/server/cluster/manifests/workload-spec";
import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { openSecrets } from "@/server/services/skus/secret-values";
import { launchCluster } from "./launch-targets";

type Version = { versionId: string; spec: SkuSpec; overrides: SkuOverride[] };
type Choices = { values: Record<string, string | number>; clusterId: string; sshPublicKey?: string };

function authorizedKeysFor(spec: SkuSpec, sshPublicKey: string | undefined): string[] | undefined {
  if (spec.kind !== "dev-pod") return undefined;
  if (!sshPublicKey) throw new AppError("validation", { sshPublicKey: { key: "required" } });
  if (!sshPublicKeySchema.safeParse(sshPublicKey).success)
    throw new AppError("validation", { sshPublicKey: { key: "sshPublicKey" } });
  return [sshPublicKey];
}

/**
 * What every launch checks before it writes anything: the values against the version's overrides
 * (resolveLaunch), the SSH key of a Developer Pod, and the cluster (registered, and the one the SKU is
 * pinned to, if any). The spec comes back with its secret values opened, for createDeploymentIn.
 */
export async function prepareLaunch(db: DbTx, version: Version, choices: Choices) {
  const spec = openSecrets({ id: version.versionId, spec: version.spec });
  const launch = resolveLaunch(spec, version.overrides, choices.values);
  if (!launch.ok) throw new AppError("validation", launch.fields);
  const authorizedKeys = authorizedKeysFor(spec, choices.sshPublicKey);
  const cluster = await launchCluster(db, spec, choices.clusterId);
  return { resolved: launch.resolved, authorizedKeys, cluster };
}
