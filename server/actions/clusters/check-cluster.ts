"use server";

import { checkClusterSchema } from "@/lib/validation/clusters";
import { db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { checkClusterHealth } from "@/server/services/clusters/fleet";
import { defineAction } from "../define-action";

export const checkCluster = defineAction({
  access: "platform-admin",
  input: checkClusterSchema,
  run: async ({ clusterId }) => {
    if (!(await db().cluster.findUnique({ where: { id: clusterId } }))) throw notFound();
    return checkClusterHealth(db(), clusterId);
  },
});
