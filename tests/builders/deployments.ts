import { exampleSpec, type WorkloadKind, type WorkloadSpec } from "@/server/cluster/manifests";
import type { Db } from "@/server/db/client";
import { newDeploymentId, storedSpec } from "@/server/services/deployments/deployment-identity";

/**
 * Inserts a deployment of Acme's "research" project from an example spec, with overrides: a row
 * as the controller reads it, without a SKU behind it (launchAs goes through the launch service).
 */
export async function insertDeployment(
  db: Db,
  clusterId: string,
  kind: WorkloadKind,
  change: (spec: WorkloadSpec) => void = () => undefined,
) {
  const acme = await db.organization.findUniqueOrThrow({
    where: { slug: "acme" },
    include: { projects: true },
  });
  const project = acme.projects.find((p) => p.slug === "research")!;
  const spec = exampleSpec(kind);
  spec.deploymentId = newDeploymentId();
  spec.tenant = { orgSlug: acme.slug, projectSlug: project.slug, projectId: project.id };
  change(spec);
  return db.deployment.create({
    data: {
      id: spec.deploymentId,
      orgId: acme.id,
      projectId: project.id,
      clusterId,
      name: spec.name,
      kind,
      ...storedSpec(spec),
    },
  });
}
