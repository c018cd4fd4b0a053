// `npm run bench:reconcile`: a simulated cluster of 1,000 nodes (8 GPUs each) in its own process,
// 10,000 deployments in PostgreSQL, and full reconcile passes of the real controller over the
// real driver. Ends with one JSON line: nodes, deployments, first/steady pass times, RSS.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import readline from "node:readline";
import { KubeConfig } from "@kubernetes/client-node";
import { DeploymentController } from "@/server/cluster/controller/controller";
import { deploymentManifests } from "@/server/cluster/controller/deployment-manifests";
import { ClusterDriver } from "@/server/cluster/driver/driver";
import { exampleSpec } from "@/server/cluster/manifests";
import { openDatabase, type Db } from "@/server/db/client";
import { createMigratedDatabase } from "@/tests/support/seeded-database";

const NODES = Number(process.env.BENCH_NODES ?? 1000);
const DEPLOYMENTS = Number(process.env.BENCH_DEPLOYMENTS ?? 10_000);
const log = (line: string) => console.error(`[bench] ${line}`);

async function startSimProcess() {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench/sim-process.ts", String(NODES)], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`simulated cluster exited (${code})`)));
  });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString((JSON.parse(line) as { kubeConfig: string }).kubeConfig);
  return { kubeConfig, stop: () => child.kill("SIGTERM") };
}

/** One org and project with room for every deployment; 70% ask for a GPU, the rest only CPU. */
async function insertDeployments(db: Db, clusterId: string) {
  const org = await db.organization.create({ data: { slug: "bench", name: "Bench", quotas: { create: { gpuModel: "NVIDIA-H100-80GB-HBM3", maxGpus: DEPLOYMENTS } } } });
  const project = await db.project.create({ data: { orgId: org.id, slug: "load", name: "Load", quotas: { create: { gpuModel: "NVIDIA-H100-80GB-HBM3", maxGpus: DEPLOYMENTS } } } });
  const rows = Array.from({ length: DEPLOYMENTS }, (_, i) => {
    const spec = exampleSpec("app");
    spec.deploymentId = `c${randomBytes(12).toString("hex")}`;
    spec.name = `bench ${i}`;
    spec.tenant = { orgSlug: "bench", projectSlug: "load" };
    spec.storage = undefined;
    spec.access = {};
    spec.compute = { cpu: 1, memoryGiB: 2, gpu: i % 10 < 7 ? { mode: "whole", model: "NVIDIA-H100-80GB-HBM3", count: 1 } : { mode: "none" } };
    const json = JSON.parse(JSON.stringify(spec)) as object;
    return { id: spec.deploymentId, orgId: org.id, projectId: project.id, clusterId, name: spec.name, kind: "app", spec: json, specHash: createHash("sha256").update(JSON.stringify(json)).digest("hex") };
  });
  for (let i = 0; i < rows.length; i += 1000) await db.deployment.createMany({ data: rows.slice(i, i + 1000) });
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: Math.round(performance.now() - started), result };
}

async function main() {
  const database = await createMigratedDatabase();
  const handle = openDatabase({ url: database.url });
  const sim = await startSimProcess();
  try {
    const db = handle.db;
    const clusterId = (await db.cluster.create({ data: { name: "bench", connection: "SIMULATED" } })).id;
    await insertDeployments(db, clusterId);
    log(`${NODES} nodes, ${DEPLOYMENTS} deployments inserted`);
    const controller = new DeploymentController({
      db,
      clusterId,
      driver: new ClusterDriver(sim.kubeConfig),
      build: (deployment) => deploymentManifests(db, deployment),
      concurrency: 16,
    });
    await controller.start();
    log(`resident before the first pass (modules, clients, empty caches): ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`);
    const first = await timed(() => controller.reconcileOnce());
    log(`first pass ${first.ms} ms ${JSON.stringify(first.result)}`);
    // Let the simulated kubelets start the pods and the watches deliver them, then observe until quiet.
    for (let pass = 0; pass < 20; pass++) {
      const { result } = await timed(() => controller.reconcileOnce());
      if (result.applied + result.observed + result.deleted === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const steady = [];
    for (let i = 0; i < 3; i++) steady.push(await timed(() => controller.reconcileOnce()));
    for (const s of steady) log(`steady pass ${s.ms} ms ${JSON.stringify(s.result)}`);
    // Resident memory with the controller's caches live, after collecting the first pass's garbage.
    (globalThis as { gc?: () => void }).gc?.();
    const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
    log(`heap used ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB`);
    await controller.stop();
    const steadyMs = Math.min(...steady.map((s) => s.ms));
    console.log(JSON.stringify({ nodes: NODES, deployments: DEPLOYMENTS, first_pass_ms: first.ms, steady_pass_ms: steadyMs, rss_mb: rssMb }));
  } finally {
    sim.stop();
    await handle.close();
    await database.drop();
  }
}

await main();
