import { z } from "zod";
import { errorKey } from "@/lib/validation/field-errors";
import { displayNameSchema, idSchema } from "./common";
import { launchValuesSchema } from "./skus";

export const deleteDeploymentSchema = z.object({ deploymentId: idSchema });

export const launchSkuSchema = z.object({
  skuId: idSchema,
  projectId: idSchema,
  clusterId: idSchema,
  name: displayNameSchema,
  values: launchValuesSchema,
  /** Developer Pods: the OpenSSH public key that may log in. */
  sshPublicKey: z.string().trim().max(16_384, errorKey("tooLong")).optional(),
});

export const setDesiredSchema = z.object({
  deploymentId: idSchema,
  desired: z.enum(["RUNNING", "STOPPED"], errorKey("invalid")),
});
