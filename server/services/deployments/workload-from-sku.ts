import type { SkuSpec } from "@/lib/skus/spec";
import { envSecretName, parseWorkloadSpec, type WorkloadSpec, workloadName } from "@/server/cluster/manifests";

/** Where a launch runs and who reaches it: what the SKU cannot know. */
type LaunchTarget = {
  deploymentId: string;
  name: string;
  /** The project's id names its namespace: collision-free, unlike slugs. */
  tenant: { orgSlug: string; projectSlug: string; projectId: string };
  /** Apps: https://<workload>.<appsDomain>. */
  appsDomain: string;
  /** Dev pods: the keys that may SSH in (at least one). */
  authorizedKeys?: string[];
};

type LaunchWorkload = {
  spec: WorkloadSpec;
  /** Secret variables' values by name: sealed on the deployment row, mounted from a Secret, never in the spec. */
  secretEnv: Record<string, string>;
};

function envOf(sku: SkuSpec, target: Pick<WorkloadSpec, "name" | "kind" | "deploymentId">) {
  const secretName = envSecretName(target);
  const secretEnv: Record<string, string> = {};
  const env = sku.container.env.map((variable) => {
    if (!variable.secret) return { name: variable.name, value: variable.value };
    secretEnv[variable.name] = variable.value;
    return { name: variable.name, secretRef: { name: secretName, key: variable.name } };
  });
  return { env, secretEnv };
}

function storageOf(sku: SkuSpec) {
  const persistent = sku.container.volumes.find((v) => v.source === "persistent");
  const scratch = sku.container.volumes
    .filter((v) => v.source === "scratch")
    .map(({ name, mountPath }) => ({ name, mountPath }));
  const size = sku.compute.persistentGiB;
  return {
    ...(persistent && size !== undefined ? { storage: { persistentGiB: size, mountPath: persistent.mountPath } } : {}),
    scratch,
  };
}

function accessOf(sku: SkuSpec, target: LaunchTarget, name: string) {
  if (sku.kind === "dev-pod") return { ssh: { authorizedKeys: target.authorizedKeys ?? [] } };
  if (sku.kind === "app") return { https: { hostname: `${name}.${target.appsDomain}` } };
  return {};
}

/**
 * The deployment a resolved SKU spec (the user's values already applied) becomes on a cluster. The result
 * is validated by the manifests' own schema: a SKU that passed its schema but cannot be deployed fails here,
 * before anything is written.
 */
export function workloadFromSku(sku: SkuSpec, target: LaunchTarget): LaunchWorkload {
  const identity = { deploymentId: target.deploymentId, name: target.name, kind: sku.kind };
  const { env, secretEnv } = envOf(sku, identity);
  const { gpu, cpu, memoryGiB, ephemeralGiB } = sku.compute;
  const { nodePool, kaiQueue, runtimeClassName } = sku.placement;
  const spec = parseWorkloadSpec({
    ...identity,
    tenant: target.tenant,
    image: sku.container.image,
    ...(sku.container.command && { command: sku.container.command }),
    ...(sku.container.args && { args: sku.container.args }),
    env,
    ports: sku.container.ports,
    compute: { cpu, memoryGiB, ...(ephemeralGiB !== undefined && { ephemeralGiB }), gpu },
    ...storageOf(sku),
    placement: {
      scheduler: kaiQueue ? "kai" : "default",
      ...(nodePool && { nodePool }),
      ...(kaiQueue && { kaiQueue }),
      ...(runtimeClassName && { runtimeClassName }),
    },
    access: accessOf(sku, target, workloadName(identity)),
    ...(sku.kind === "model" && { model: sku.model }),
    labels: { "portico.dev/sku": sku.basics.name },
  });
  return { spec, secretEnv };
}
