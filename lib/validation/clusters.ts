import { z } from "zod";
import { errorKey } from "@/lib/validation/field-errors";
import { idSchema, slugSchema } from "./common";

export const registerClusterSchema = z.discriminatedUnion(
  "connection",
  [
    z.object({
      connection: z.literal("KUBECONFIG"),
      name: slugSchema,
      kubeconfig: z
        .string()
        .min(1, errorKey("required"))
        .max(256 * 1024, errorKey("fileTooLarge")),
    }),
    z.object({ connection: z.literal("IN_CLUSTER"), name: slugSchema }),
  ],
  errorKey("choice"),
);

export const checkClusterSchema = z.object({ clusterId: idSchema });
