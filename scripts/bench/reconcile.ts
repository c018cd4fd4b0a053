// `npm run bench:reconcile`: a simulated cluster of 1,000 nodes (8 GPUs each) in its own process,
// 10,000 deployments in PostgreSQL, and full reconcile passes of the real controller over the
// real driver. Ends with one JSON line: nodes, deployments, first/steady pass times, RSS.
import { spawn } from "node:child_process";
import readline from "node:readline";
import { KubeConfig } from "@kubernetes/client-node";
import { DeploymentController } from "@/server/cluster/controller/controller";
import { deploymentManifests } from "@/server/cluster/controller/deployment-manifests";
import { ClusterDriver } from "@/server/cluster/driver/driver";
import { openDatabase } from "@/server/db/client";
import { createMigratedDatabase } from "@/tests/support/seeded-database";

const NODES = Number(process.env.BENCH_NODES ?? 1000);
const DEPLOYMENTS = Number(process.env.BENCH_DEPLOYMENTS ?? 10_000);
const log = (line: string) => console.error(`[bench] ${line}`);

/** Runs a bench step in a child process, so its garbage does not count against the controller's memory. */
async function inChild(script: string, args: string[]): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { stdio: ["ignore", "inherit", "inherit"] });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`${script} exited with ${code}`);
}

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
    await inChild("scripts/bench/insert-deployments.ts", [database.url, clusterId, String(DEPLOYMENTS)]);
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
