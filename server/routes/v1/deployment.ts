import { z } from "zod";
import { idSchema } from "@/lib/validation/common";
import { db } from "@/server/db/client";
import { defineRoute } from "@/server/routes/define-route";
import { deploymentStatus } from "@/server/services/deployments/deployment-status";

/** GET /api/v1/deployments/{deploymentId}: phase and latest events, for the caller's organization only. */
export const GET = defineRoute({
  access: "member",
  input: { params: z.object({ deploymentId: idSchema }) },
  run: ({ params }, caller) => deploymentStatus(db(), caller, params.deploymentId),
});
