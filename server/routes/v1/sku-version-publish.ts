import { z } from "zod";
import { idSchema } from "@/lib/validation/common";
import { db } from "@/server/db/client";
import { defineRoute } from "@/server/routes/define-route";
import { actorOf } from "@/server/services/audit/record-audit";
import { publishVersion } from "@/server/services/skus/author-sku";

/** POST /api/v1/sku-versions/{versionId}/publish: publish a draft, or an earlier version again. */
export const POST = defineRoute({
  access: "platform-admin",
  input: { params: z.object({ versionId: idSchema }) },
  run: ({ params }, caller) => publishVersion(db(), actorOf(caller), params),
});
