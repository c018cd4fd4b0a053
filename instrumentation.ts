// Runs once when the portal's server starts: in the embedded default, the simulated GPU
// cluster and the deployment controller live in the web process (see README, "Processes").
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.PORTICO_CONTROLLER === "external") return;
  const { startControllers } = await import("@/server/runtime/controllers");
  await startControllers();
}
