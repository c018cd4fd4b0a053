// The simulated cluster in a process of its own, as an API server is: prints its kubeconfig
// as one JSON line on stdout, then serves until killed.
import { generateTopology, startSimulatedCluster } from "@/server/cluster/sim";

const nodes = Number(process.argv[2] ?? 1000);
const sim = await startSimulatedCluster({
  topology: generateTopology({ nodes, gpusPerNode: 8 }),
  delays: { imagePullMs: 5, startMs: 5, terminateMs: 5, bindPvcMs: 5, loadBalancerMs: 5 },
  watchHistory: 200_000,
});
process.stdout.write(`${JSON.stringify({ kubeConfig: sim.kubeConfigYaml })}\n`);
process.on("SIGTERM", () => void sim.close().then(() => process.exit(0)));
