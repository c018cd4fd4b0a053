import { z } from "zod";
import { ORG_ROLES } from "@/lib/roles";
import { errorKey } from "@/lib/validation/field-errors";
import { displayNameSchema, emailSchema, gpuCountSchema, gpuModelSchema, idSchema, slugSchema } from "./common";

export const createOrganizationSchema = z.object({ name: displayNameSchema, slug: slugSchema });

export const createUserSchema = z.object({
  orgId: idSchema,
  email: emailSchema,
  name: displayNameSchema,
  role: z.enum(ORG_ROLES, errorKey("choice")),
});

export const addMemberSchema = z.object({
  orgId: idSchema,
  email: emailSchema,
  role: z.enum(ORG_ROLES, errorKey("choice")),
});

export const setOrgQuotaSchema = z.object({ orgId: idSchema, gpuModel: gpuModelSchema, maxGpus: gpuCountSchema });
export const setSandboxQuotaSchema = z.object({ gpuModel: gpuModelSchema, maxGpus: gpuCountSchema });

/** `npm run admin:create`: the first provider admin of a production installation. */
export const createPlatformAdminSchema = z.object({ email: emailSchema, name: displayNameSchema });
