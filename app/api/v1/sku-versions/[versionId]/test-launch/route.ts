import { testLaunchSkuSchema } from "@/lib/validation/skus";
import { actorOf } from "@/server/actions/actor";
import { db } from "@/server/db/client";
import { parseInput } from "@/server/errors";
import { defineRoute } from "@/server/routes/define-route";
import { readJson } from "@/server/routes/read-json";
import { kickController } from "@/server/runtime/controllers";
import { testLaunch } from "@/server/services/skus/test-launch";

export const dynamic = "force-dynamic";

/** POST /api/v1/sku-versions/{versionId}/test-launch: launch a version into the provider's sandbox project. */
export const POST = defineRoute("platform-admin", async (request, caller, context) => {
  const { versionId } = await context.params;
  const body = await readJson(request);
  const input = parseInput(testLaunchSkuSchema, { ...(typeof body === "object" && body !== null ? body : {}), versionId: String(versionId) });
  const { deploymentId, clusterId } = await testLaunch(db(), actorOf(caller), input);
  kickController(clusterId);
  return Response.json({ deploymentId }, { status: 201 });
});
