import { z } from "zod";
import { errorKey } from "@/lib/validation/field-errors";
import { idSchema } from "./common";
import { localeTagSchema } from "./profile";

export const addLocaleSchema = z.object({ code: localeTagSchema });
export const setLocaleEnabledSchema = z.object({ code: localeTagSchema, enabled: z.boolean(errorKey("invalid")) });
export const setPlatformDefaultLocaleSchema = z.object({ code: localeTagSchema });
export const setOrgDefaultLocaleSchema = z.object({
  orgId: idSchema,
  code: z.union([z.literal("").transform(() => null), localeTagSchema]),
});

const messageKeySchema = z
  .string()
  .min(1, errorKey("required"))
  .max(200, errorKey("tooLong"))
  .regex(/^[\w-]+(\.[\w-]+)*$/, errorKey("invalid"));

export const saveOverrideSchema = z.object({
  locale: localeTagSchema,
  key: messageKeySchema,
  message: z.string().max(4000, errorKey("tooLong")),
});
export const revertOverrideSchema = z.object({ locale: localeTagSchema, key: messageKeySchema });

/** Catalog files up to 1 MiB: far above a full catalog, small enough to parse in a request. */
export const importCatalogSchema = z.object({
  locale: localeTagSchema,
  format: z.enum(["json", "xliff"], errorKey("choice")),
  content: z
    .string()
    .min(1, errorKey("required"))
    .max(1024 * 1024, errorKey("fileTooLarge")),
  dryRun: z.boolean(),
});
