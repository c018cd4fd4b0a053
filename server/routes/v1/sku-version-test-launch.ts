import { z } from "zod";
import { idSchema } from "@/lib/validation/common";
import { testLaunchSkuSchema } from "@/lib/validation/skus";
import { db } from "@/server/db/client";
import { defineRoute } from "@/server/routes/define-route";
import { actorOf } from "@/server/services/audit/record-audit";
import { testLaunch } from "@/server/services/skus/test-launch";

/** POST /api/v1/sku-versions/{versionId}/test-launch: launch a version into the provider's sandbox project. */
export const POST = defineRoute({
  access: "platform-admin",
  input: {
    params: z.object({ versionId: idSchema }),
    body: { kind: "json", schema: testLaunchSkuSchema.omit({ versionId: true }) },
  },
  run: async ({ params, body }, caller) => {
    const { deploymentId } = await testLaunch(db(), actorOf(caller), { ...body, versionId: params.versionId });
    return { deploymentId };
  },
  status: 201,
});
