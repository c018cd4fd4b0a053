import { createSkuSchema } from "@/lib/validation/skus";
import { db } from "@/server/db/client";
import { defineRoute } from "@/server/routes/define-route";
import { actorOf } from "@/server/services/audit/record-audit";
import { createSku } from "@/server/services/skus/author-sku";
import { listSkus } from "@/server/services/skus/list-skus";

/** GET /api/v1/skus: every SKU and its versions (documented in docs/openapi.yaml). */
export const GET = defineRoute({
  access: "platform-admin",
  input: {},
  run: async () => ({ skus: await listSkus(db()) }),
});

/** POST /api/v1/skus: a new SKU whose first version is a draft. */
export const POST = defineRoute({
  access: "platform-admin",
  input: { body: { kind: "json", schema: createSkuSchema } },
  run: ({ body }, caller) => createSku(db(), actorOf(caller), body),
  status: 201,
});
