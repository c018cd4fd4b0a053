import { z } from "zod";
import { idSchema } from "@/lib/validation/common";
import { errorKey } from "@/lib/validation/field-errors";
import { db } from "@/server/db/client";
import { defineRoute } from "@/server/routes/define-route";
import { listDeployments } from "@/server/services/deployments/list-deployments";

const flag = z
  .enum(["true", "false"], errorKey("choice"))
  .default("false")
  .transform((v) => v === "true");

/** GET /api/v1/deployments?skuId=…: the caller's deployments of a SKU (or its test launches), each with its status. */
export const GET = defineRoute({
  access: "member",
  input: { query: z.object({ skuId: idSchema, testLaunches: flag }) },
  run: async ({ query }, caller) => ({ deployments: await listDeployments(db(), caller, query) }),
});
