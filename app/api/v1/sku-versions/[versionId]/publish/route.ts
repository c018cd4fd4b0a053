import { actorOf } from "@/server/actions/actor";
import { db } from "@/server/db/client";
import { defineRoute } from "@/server/routes/define-route";
import { publishVersion } from "@/server/services/skus/author-sku";

export const dynamic = "force-dynamic";

/** POST /api/v1/sku-versions/{versionId}/publish: publish a draft, or an earlier version again. */
export const POST = defineRoute("platform-admin", async (_request, caller, context) => {
  const { versionId } = await context.params;
  return Response.json(await publishVersion(db(), actorOf(caller), { versionId: String(versionId) }));
});
