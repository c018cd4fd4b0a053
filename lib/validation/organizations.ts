import { z } from "zod";
import { ORG_ROLES } from "@/lib/roles";
import { displayNameSchema, emailSchema, gpuCountSchema, gpuModelSchema, idSchema, slugSchema } from "./common";

export const createOrganizationSchema = z.object({ name: displayNameSchema, slug: slugSchema });
export type CreateOrganizationInput = z.input<typeof createOrganizationSchema>;

export const createUserSchema = z.object({
  orgId: idSchema,
  email: emailSchema,
  name: displayNameSchema,
  role: z.enum(ORG_ROLES, { error: "choice" }),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const addMemberSchema = z.object({
  orgId: idSchema,
  email: emailSchema,
  role: z.enum(ORG_ROLES, { error: "choice" }),
});

export const setOrgQuotaSchema = z.object({ orgId: idSchema, gpuModel: gpuModelSchema, maxGpus: gpuCountSchema });
export type SetOrgQuotaInput = z.input<typeof setOrgQuotaSchema>;
export const setSandboxQuotaSchema = z.object({ gpuModel: gpuModelSchema, maxGpus: gpuCountSchema });
