// Bench setup, in its own process: one org and project with room for every deployment, and
// N app deployments (70% with one H100, the rest CPU only). Args: database URL, cluster id, N.
import { exampleSpec } from "@/server/cluster/manifests";
import { openDatabase } from "@/server/db/client";
import { newDeploymentId, storedSpec } from "@/server/services/deployments/deployment-identity";

const [url, clusterId, count] = process.argv.slice(2);
const total = Number(count);
const GPU = "NVIDIA-H100-80GB-HBM3";
const handle = openDatabase({ url });
const db = handle.db;
const org = await db.organization.create({
  data: { slug: "bench", name: "Bench", quotas: { create: { gpuModel: GPU, maxGpus: total } } },
});
const project = await db.project.create({
  data: { orgId: org.id, slug: "load", name: "Load", quotas: { create: { gpuModel: GPU, maxGpus: total } } },
});
const rows = Array.from({ length: total }, (_, i) => {
  const spec = exampleSpec("app");
  spec.deploymentId = newDeploymentId();
  spec.name = `bench ${i}`;
  spec.tenant = { orgSlug: "bench", projectSlug: "load", projectId: project.id };
  spec.storage = undefined;
  spec.access = {};
  spec.compute = { cpu: 1, memoryGiB: 2, gpu: i % 10 < 7 ? { mode: "whole", model: GPU, count: 1 } : { mode: "none" } };
  const ids = { id: spec.deploymentId, orgId: org.id, projectId: project.id, clusterId: clusterId! };
  return { ...ids, name: spec.name, kind: "app", ...storedSpec(spec) };
});
for (let i = 0; i < rows.length; i += 1000) await db.deployment.createMany({ data: rows.slice(i, i + 1000) });
await handle.close();
