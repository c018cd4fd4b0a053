import type { TenantCaller } from "@/server/authz";
import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { actorOf, recordAudit } from "@/server/services/audit/record-audit";
import { catalogEntry } from "@/server/services/skus/catalog";
import { thenReconcile } from "./after-commit";
import { createDeploymentIn } from "./create-deployment";
import { launchProject } from "./launch-targets";
import { prepareLaunch } from "./prepare-launch";

type LaunchSkuInput = {
  skuId: string;
  projectId: string;
  clusterId: string;
  name: string;
  values: Record<string, string | number>;
  sshPublicKey?: string;
};

/** The catalog entry and project a member may launch into: shared with their org, and with that project. */
async function launchTarget(db: Db, caller: TenantCaller, input: Pick<LaunchSkuInput, "skuId" | "projectId">) {
  const entry = await catalogEntry(db, caller.org.id, input.skuId);
  if (!entry) throw notFound();
  const project = await launchProject(db, caller.org.id, entry, input.projectId);
  return { entry, project };
}

/**
 * A member launches the published version of a SKU shared with them, into one of their org's projects
 * it is shared with, with the values its launch form allows: the same checks as a test launch, plus
 * the org's quotas and the SKU's instance limits.
 */
export async function launchSku(db: Db, caller: TenantCaller, input: LaunchSkuInput) {
  const { entry, project } = await launchTarget(db, caller, input);
  const { resolved, authorizedKeys, cluster } = await prepareLaunch(db, entry, input);
  return thenReconcile(
    db.$transaction(async (tx) => {
      const created = await createDeploymentIn(tx, {
        org: { id: caller.org.id, slug: caller.org.slug },
        project: { id: project.id, slug: project.slug },
        clusterId: cluster.id,
        createdById: caller.userId,
        name: input.name,
        skuVersionId: entry.versionId,
        resolved,
        authorizedKeys,
      });
      await recordAudit(tx, actorOf(caller), {
        action: "deployment.launch",
        orgId: caller.org.id,
        targetType: "deployment",
        targetId: created.deploymentId,
        changes: {
          sku: { from: null, to: entry.slug },
          version: { from: null, to: entry.version },
          project: { from: null, to: project.slug },
          cluster: { from: null, to: cluster.name },
        },
      });
      return { ...created, clusterId: cluster.id };
    }),
  );
}
