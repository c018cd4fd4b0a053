import { z } from "zod";
import { idSchema, slugSchema } from "./common";

export const registerClusterSchema = z.discriminatedUnion("connection", [
  z.object({
    connection: z.literal("KUBECONFIG"),
    name: slugSchema,
    kubeconfig: z.string().min(1, { error: "required" }).max(256 * 1024, { error: "fileTooLarge" }),
  }),
  z.object({ connection: z.literal("IN_CLUSTER"), name: slugSchema }),
], { error: "choice" });

export const checkClusterSchema = z.object({ clusterId: idSchema });
