// `npm run bench:reconcile`: a simulated cluster of 1,000 nodes (8 GPUs each) in its own process,
// 10,000 deployments in PostgreSQL, and full reconcile passes of the real controller over the
// real driver. Ends with one JSON line: nodes, deployments, first/steady pass times, RSS (steady,
// after a gc; and the peak), and the memory at each phase of the run.
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
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/** The highest RSS sampled since the last phase, and over the whole run. */
const peakRss = { phase: 0, run: 0 };
setInterval(() => {
  peakRss.phase = Math.max(peakRss.phase, mb(process.memoryUsage.rss()));
}, 50).unref();

type PhaseMemory = {
  rss: number;
  peak_rss: number;
  heap_used: number;
  heap_total: number;
  external: number;
  array_buffers: number;
};
const phases: Record<string, PhaseMemory> = {};

/** Memory at the end of a phase, as it is (no gc here, so that measuring changes nothing after). */
function recordPhase(name: string): PhaseMemory {
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  const peak = Math.max(peakRss.phase, mb(rss));
  peakRss.run = Math.max(peakRss.run, peak);
  peakRss.phase = 0;
  const heap = {
    heap_used: mb(heapUsed),
    heap_total: mb(heapTotal),
    external: mb(external),
    array_buffers: mb(arrayBuffers),
  };
  const memory = { rss: mb(rss), peak_rss: peak, ...heap };
  const figures = Object.entries(memory).map(([key, value]) => `${key} ${value} MB`);
  log(`memory ${name}: ${figures.join(", ")}`);
  phases[name] = memory;
  return memory;
}

/**
 * V8 hands the pages a gc freed back to the OS on background threads, so RSS read the moment
 * gc() returns still counts them: wait until it has not fallen for half a second (at most 5 s).
 */
async function settledAfterGc(): Promise<PhaseMemory> {
  let lowest = process.memoryUsage.rss();
  for (let waited = 0, quiet = 0; waited < 5_000 && quiet < 500; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rss = process.memoryUsage.rss();
    quiet = lowest - rss < 2 ** 20 ? quiet + 100 : 0;
    lowest = Math.min(lowest, rss);
  }
  return recordPhase("steady_after_gc");
}

/** Runs a bench step in a child process, so its garbage does not count against the controller's memory. */
async function inChild(script: string, args: string[]): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`${script} exited with ${code}`);
}

async function startSimProcess() {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench/sim-process.ts", String(NODES)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
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
    recordPhase("db_setup");
    const controller = new DeploymentController({
      db,
      clusterId,
      driver: new ClusterDriver(sim.kubeConfig),
      build: (deployment) => deploymentManifests(db, deployment),
      concurrency: 16,
    });
    await controller.start();
    recordPhase("caches_started"); // modules, clients, empty caches
    const first = await timed(() => controller.reconcileOnce());
    log(`first pass ${first.ms} ms ${JSON.stringify(first.result)}`);
    recordPhase("first_pass");
    // Let the simulated kubelets start the pods and the watches deliver them, then observe until quiet.
    for (let pass = 0; pass < 20; pass++) {
      const { result } = await timed(() => controller.reconcileOnce());
      if (result.applied + result.observed + result.deleted === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    recordPhase("caches_filled");
    const steady = [];
    for (let i = 0; i < 3; i++) steady.push(await timed(() => controller.reconcileOnce()));
    for (const s of steady) log(`steady pass ${s.ms} ms ${JSON.stringify(s.result)}`);
    recordPhase("steady_passes");
    // Resident memory with the controller's caches live, after collecting the first pass's garbage.
    (globalThis as { gc?: () => void }).gc?.();
    const atGc = recordPhase("steady_at_gc");
    const steadyMemory = await settledAfterGc();
    await controller.stop();
    const steadyMs = Math.min(...steady.map((s) => s.ms));
    const memory = {
      rss_mb: steadyMemory.rss,
      rss_at_gc_mb: atGc.rss,
      heap_used_mb: steadyMemory.heap_used,
      peak_rss_mb: peakRss.run,
    };
    const times = { first_pass_ms: first.ms, steady_pass_ms: steadyMs };
    console.log(JSON.stringify({ nodes: NODES, deployments: DEPLOYMENTS, ...times, ...memory, phases }));
  } finally {
    sim.stop();
    await handle.close();
    await database.drop();
  }
}

await main();
