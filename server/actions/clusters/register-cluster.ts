"use server";

import { registerClusterSchema } from "@/lib/validation/clusters";
import { db } from "@/server/db/client";
import { actorOf } from "@/server/services/audit/record-audit";
import { registerCluster as register } from "@/server/services/clusters/register-cluster";
import { defineAction } from "../define-action";

export const registerCluster = defineAction({
  access: "platform-admin",
  input: registerClusterSchema,
  run: (input, caller) => register(db(), actorOf(caller), input),
});
