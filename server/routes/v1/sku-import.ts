import { z } from "zod";
import { db } from "@/server/db/client";
import { defineRoute } from "@/server/routes/define-route";
import { actorOf } from "@/server/services/audit/record-audit";
import { importSkuFile } from "@/server/services/skus/sku-yaml";

/**
 * POST /api/v1/skus/import (body: a SKU file as YAML; `?dryRun=true` only checks it).
 * A file with any problem changes nothing; the error lists each problem with its line.
 */
export const POST = defineRoute({
  access: "platform-admin",
  input: {
    query: z.object({
      dryRun: z
        .enum(["true", "false"])
        .default("false")
        .transform((v) => v === "true"),
    }),
    body: { kind: "yaml", schema: z.string() },
  },
  run: ({ query, body }, caller) => importSkuFile(db(), actorOf(caller), body, query),
});
