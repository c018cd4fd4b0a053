import { db } from "@/server/db/client";
import { defineRoute } from "@/server/routes/define-route";
import { deploymentStatus } from "@/server/services/deployments/deployment-status";

export const dynamic = "force-dynamic";

/** GET /api/v1/deployments/{deploymentId}: phase and latest events, for the caller's organization only. */
export const GET = defineRoute("member", async (_request, caller, context) => {
  const { deploymentId } = await context.params;
  return Response.json(await deploymentStatus(db(), caller, String(deploymentId)));
});
