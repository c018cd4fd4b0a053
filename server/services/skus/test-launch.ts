import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { type Actor, recordAudit } from "@/server/services/audit/record-audit";
import { thenReconcile } from "@/server/services/deployments/after-commit";
import { createDeploymentIn } from "@/server/services/deployments/create-deployment";
import { prepareLaunch } from "@/server/services/deployments/prepare-launch";
import { sandboxProject } from "@/server/services/projects/sandbox";
import { decodeVersion } from "./stored-version";

type TestLaunchInput = {
  versionId: string;
  clusterId: string;
  values: Record<string, string | number>;
  sshPublicKey?: string;
};

/**
 * Launches any version of a SKU (a draft included) into the provider's sandbox project, with the values a
 * user could choose in its launch form and the same checks: bounds, the cluster it is pinned to, GPU quota.
 */
export async function testLaunch(db: Db, actor: Actor, input: TestLaunchInput) {
  const row = await db.skuVersion.findUnique({ where: { id: input.versionId }, include: { sku: true } });
  if (!row) throw notFound();
  const version = decodeVersion(row);
  const { resolved, authorizedKeys, cluster } = await prepareLaunch(db, { ...version, versionId: version.id }, input);
  return thenReconcile(
    db.$transaction(async (tx) => {
      const { org, project } = await sandboxProject(tx);
      const created = await createDeploymentIn(tx, {
        org,
        project,
        clusterId: cluster.id,
        createdById: actor.userId,
        name: `${version.sku.slug}-v${version.number}`,
        skuVersionId: version.id,
        resolved,
        authorizedKeys,
        testLaunch: true,
      });
      await recordAudit(tx, actor, {
        action: "sku.testLaunch",
        orgId: null,
        targetType: "sku",
        targetId: version.skuId,
        changes: {
          deployment: { from: null, to: created.deploymentId },
          version: { from: null, to: version.number },
          cluster: { from: null, to: cluster.name },
        },
      });
      return { ...created, clusterId: cluster.id };
    }),
  );
}
