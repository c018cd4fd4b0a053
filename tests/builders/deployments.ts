import { createHash, randomBytes } from "node:crypto";
import { exampleSpec, type WorkloadKind, type WorkloadSpec } from "@/server/cluster/manifests";
import type { Db } from "@/server/db/client";

/** A cuid-shaped id, as the spec schema wants for deployment ids. */
export const newDeploymentId = () => `c${randomBytes(12).toString("hex")}`;

/** Inserts a deployment of Acme's "research" project from an example spec, with overrides. */
export async function insertDeployment(db: Db, clusterId: string, kind: WorkloadKind, change: (spec: WorkloadSpec) => void = () => undefined) {
  const acme = await db.organization.findUniqueOrThrow({ where: { slug: "acme" }, include: { projects: true } });
  const project = acme.projects.find((p) => p.slug === "research")!;
  const spec = exampleSpec(kind);
  spec.deploymentId = newDeploymentId();
  spec.tenant = { orgSlug: acme.slug, projectSlug: project.slug };
  change(spec);
  const json = JSON.parse(JSON.stringify(spec)) as object;
  return db.deployment.create({
    data: {
      id: spec.deploymentId,
      orgId: acme.id,
      projectId: project.id,
      clusterId,
      name: spec.name,
      kind,
      spec: json,
      specHash: createHash("sha256").update(JSON.stringify(json)).digest("hex"),
    },
  });
}
