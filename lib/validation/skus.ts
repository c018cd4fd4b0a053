import { z } from "zod";
import { errorKey } from "@/lib/validation/field-errors";
import { idSchema, slugSchema } from "./common";

// Transport shapes of the SKU actions and API. The spec and overrides themselves are checked by
// lib/skus (one validator, shared with forms, YAML import and the REST API).
export const createSkuSchema = z.object({ slug: slugSchema, spec: z.unknown(), overrides: z.unknown().optional() });
export const saveSkuDraftSchema = z.object({ skuId: idSchema, spec: z.unknown(), overrides: z.unknown().optional() });
export const publishSkuVersionSchema = z.object({ versionId: idSchema });
export const archiveSkuSchema = z.object({ skuId: idSchema });

// Who may see a SKU: the field rules the studio's form and SKU files share. The form names orgs and
// projects by id, a file by slug (so it moves between installations); booleans are booleans in both.
const sharedWithAllField = z.boolean(errorKey("invalid"));
const shareOrgs = <T extends z.ZodType>(org: T) => z.array(org, errorKey("invalid")).max(500, errorKey("tooMany"));
const shareProjects = <T extends z.ZodType>(project: T) =>
  z.array(project, errorKey("invalid")).max(100, errorKey("tooMany"));

export const setSkuSharingSchema = z.object({
  skuId: idSchema,
  sharedWithAll: sharedWithAllField,
  orgs: shareOrgs(z.object({ orgId: idSchema, projectIds: shareProjects(idSchema) })),
});

/** A SKU file's `sharing` block; what it leaves out is not shared (as an exported file spells out). */
export const skuFileSharingSchema = z.strictObject(
  {
    sharedWithAll: sharedWithAllField.default(false),
    orgs: shareOrgs(
      z.strictObject({ org: slugSchema, projects: shareProjects(slugSchema).default([]) }, errorKey("invalid")),
    ).default([]),
  },
  errorKey("invalid"),
);
export type SkuFileSharing = z.output<typeof skuFileSharingSchema>;

export const createSkuFromTemplateSchema = z.object({
  slug: slugSchema,
  templateId: z.string().min(1, errorKey("required")).max(64, errorKey("tooLong")),
  dockerRun: z.string().max(8192, errorKey("tooLong")).optional(),
});
export const saveSkuYamlSchema = z.object({
  skuId: idSchema,
  yaml: z
    .string()
    .min(1, errorKey("required"))
    .max(256 * 1024, errorKey("fileTooLarge")),
});

/** Launch form values by field path; lib/skus resolveLaunch decides which are allowed and within what bounds. */
export const launchValuesSchema = z
  .record(
    z.string().max(300, errorKey("tooLong")),
    z.union([z.string().max(32_768, errorKey("tooLong")), z.number(errorKey("number"))], errorKey("invalid")),
    errorKey("invalid"),
  )
  .refine((values) => Object.keys(values).length <= 64, errorKey("tooManyValues"));

export const testLaunchSkuSchema = z.object({
  versionId: idSchema,
  clusterId: idSchema,
  values: launchValuesSchema,
  /** Dev pods: the OpenSSH public key that may log in. */
  sshPublicKey: z.string().trim().max(16_384, errorKey("tooLong")).optional(),
});
