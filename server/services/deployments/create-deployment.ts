import { ZodError } from "zod";
import { gpuMillisOf } from "@/lib/deployments/capacity";
import type { SkuSpec } from "@/lib/skus/spec";
import { config } from "@/server/config";
import type { DbTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { newDeploymentId, storedSpec } from "./deployment-identity";
import { checkInstanceLimits, claimGpus, lockOrgLaunches, runtimeDeadline } from "./launch-limits";
import { sealSecretEnv } from "./secret-env";
import { workloadFromSku } from "./workload-from-sku";

export type NewDeployment = {
  org: { id: string; slug: string };
  project: { id: string; slug: string };
  clusterId: string;
  createdById: string;
  name: string;
  /** The SKU version and its spec with the user's values already applied (resolveLaunch). */
  skuVersionId: string;
  resolved: SkuSpec;
  authorizedKeys?: string[];
  testLaunch?: boolean;
};

function buildWorkload(input: NewDeployment, deploymentId: string) {
  try {
    return workloadFromSku(input.resolved, {
      deploymentId,
      name: input.name,
      tenant: { orgSlug: input.org.slug, projectSlug: input.project.slug, projectId: input.project.id },
      appsDomain: config().PORTICO_APPS_DOMAIN,
      authorizedKeys: input.authorizedKeys,
    });
  } catch (error) {
    // Only the SSH keys come from outside the SKU's schema; anything else is a SKU the cluster cannot run.
    if (error instanceof ZodError) {
      const sshKeys = error.issues.some((issue) => issue.path.join(".").startsWith("access.ssh"));
      throw new AppError(
        "validation",
        sshKeys ? { sshPublicKey: { key: "sshPublicKey" } } : { _: { key: "notDeployable" } },
      );
    }
    throw error;
  }
}

/**
 * Inserts a deployment for the controller to converge, inside the caller's transaction, after the
 * race-free checks of the SKU's instance limits and the GPU quota. The row holds the workload spec (no
 * secret values) and, sealed apart, the secret variables.
 */
export async function createDeploymentIn(tx: DbTx, input: NewDeployment): Promise<{ deploymentId: string }> {
  const deploymentId = newDeploymentId();
  const { spec, secretEnv } = buildWorkload(input, deploymentId);
  const gpu = input.resolved.compute.gpu;
  const replicas = input.resolved.kind === "model" ? input.resolved.model.replicas.max : 1;
  const gpuModel = gpu.mode === "none" ? null : gpu.model;
  const gpuMillis = gpuMillisOf(gpu, replicas);
  await lockOrgLaunches(tx, input.org.id);
  const { skuId } = await tx.skuVersion.findUniqueOrThrow({
    where: { id: input.skuVersionId },
    select: { skuId: true },
  });
  const { maxPerUser, maxPerOrg, maxRuntimeHours } = input.resolved.policies;
  await checkInstanceLimits(tx, { skuId, orgId: input.org.id, userId: input.createdById, maxPerUser, maxPerOrg });
  if (gpuModel) await claimGpus(tx, { orgId: input.org.id, projectId: input.project.id, gpuModel, gpuMillis });
  await tx.deployment.create({
    data: {
      id: deploymentId,
      orgId: input.org.id,
      projectId: input.project.id,
      clusterId: input.clusterId,
      createdById: input.createdById,
      name: input.name,
      kind: spec.kind,
      ...storedSpec(spec),
      skuVersionId: input.skuVersionId,
      testLaunch: input.testLaunch ?? false,
      gpuModel,
      gpuMillis,
      secretEnvCipher: sealSecretEnv(deploymentId, secretEnv),
      stopAt: runtimeDeadline(maxRuntimeHours),
    },
  });
  return { deploymentId };
}
