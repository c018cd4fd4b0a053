import { z } from "zod";
import { ORG_ROLES } from "@/lib/roles";
import { errorKey } from "@/lib/validation/field-errors";
import { displayNameSchema, gpuCountSchema, gpuModelSchema, idSchema, slugSchema } from "./common";

export const updateMemberRoleSchema = z.object({ membershipId: idSchema, role: z.enum(ORG_ROLES, errorKey("choice")) });
export const removeMemberSchema = z.object({ membershipId: idSchema });
export const createProjectSchema = z.object({ name: displayNameSchema, slug: slugSchema });
export const setProjectQuotaSchema = z.object({
  projectId: idSchema,
  gpuModel: gpuModelSchema,
  maxGpus: gpuCountSchema,
});
