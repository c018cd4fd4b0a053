import { createSkuSchema } from "@/lib/validation/skus";
import { actorOf } from "@/server/actions/actor";
import { db } from "@/server/db/client";
import { parseInput } from "@/server/errors";
import { defineRoute } from "@/server/routes/define-route";
import { readJson } from "@/server/routes/read-json";
import { createSku } from "@/server/services/skus/author-sku";
import { listSkus } from "@/server/services/skus/list-skus";

export const dynamic = "force-dynamic";

/** GET /api/v1/skus: every SKU and its versions (documented in docs/openapi.yaml). */
export const GET = defineRoute("platform-admin", async () => Response.json({ skus: await listSkus(db()) }));

/** POST /api/v1/skus: a new SKU whose first version is a draft. */
export const POST = defineRoute("platform-admin", async (request, caller) => {
  const input = parseInput(createSkuSchema, await readJson(request));
  return Response.json(await createSku(db(), actorOf(caller), input), { status: 201 });
});
