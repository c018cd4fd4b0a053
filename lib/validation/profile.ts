import { z } from "zod";
import { errorKey } from "@/lib/validation/field-errors";
import { displayNameSchema, idSchema } from "./common";

/** A BCP-47 tag; whether it is enabled is checked on the server against the registry. */
export const localeTagSchema = z
  .string()
  .trim()
  .min(2, errorKey("required"))
  .max(35, errorKey("tooLong"))
  .refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  }, errorKey("locale"));

export const updateProfileSchema = z.object({
  name: displayNameSchema,
  /** "" follows the organization's default language. */
  locale: z.union([z.literal(""), localeTagSchema]),
});

export const chooseLocaleSchema = z.object({ locale: localeTagSchema });
export const switchOrganizationSchema = z.object({ orgId: idSchema });
