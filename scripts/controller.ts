// `npm run controller`: the deployment controllers as their own process (production), for
// portals started with PORTICO_CONTROLLER=external. Several replicas may run: per cluster, one
// leads through a PostgreSQL advisory lock and the others stand by.
import { startControllers } from "@/server/runtime/controllers";

const runners = await startControllers();
const stop = async () => {
  await Promise.all([...runners.values()].map((runner) => runner.stop()));
  process.exit(0);
};
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
