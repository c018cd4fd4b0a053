import type { z } from "zod";
import type { FieldError, ValidationKey } from "@/lib/errors";

/**
 * The one mapping from zod issues to field errors, for every schema (forms, actions, routes, SKU files).
 * Schemas fail with message keys (translated under `validation.` in messages/), never English: a check
 * names its key with `errorKey`, and SKU schemas pass `keyed` so their checks inherit zod's issue codes.
 */

/** A zod check's message, typed against the catalog: `z.string().min(1, errorKey("required"))`. */
export const errorKey = (key: ValidationKey) => ({ error: key }) as const;

export type FieldErrors = Record<string, FieldError>;

/** Without a prototype, so a field named "__proto__" (a key sent by a client) is recorded, not swallowed. */
export function emptyFieldErrors(): FieldErrors {
  return Object.create(null) as FieldErrors;
}

/** Maps zod's issue codes to keys that exist for every form, so no SKU field needs its own wording. */
function keyOfIssue(issue: z.core.$ZodRawIssue): ValidationKey {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "required";
      if (issue.expected === "int") return "integer";
      return issue.expected === "number" ? "number" : "invalid";
    case "too_small":
      if (issue.origin === "string") return issue.minimum === 1 ? "required" : "tooShort";
      return issue.origin === "array" ? "tooFew" : "tooSmall";
    case "too_big":
      if (issue.origin === "string") return "tooLong";
      return issue.origin === "array" ? "tooMany" : "tooBig";
    case "not_multiple_of":
      return "step";
    case "invalid_value":
      return "choice";
    case "unrecognized_keys":
      return "unknownField";
    case "invalid_union":
      // A discriminator (kind, gpu mode, pricing basis) that is not one of the options.
      return issue.note === "No matching discriminator" ? "choice" : "invalid";
    default:
      return "invalid";
  }
}

export const keyed = { error: keyOfIssue } as const;

/** A cross-field failure: the key and its ICU values ride on the issue so `fieldErrorsOf` can restore them. */
export function addFieldIssue(
  ctx: z.RefinementCtx,
  path: (string | number)[],
  key: ValidationKey,
  values?: FieldError["values"],
): void {
  ctx.addIssue({ code: "custom", path, message: key, params: values ? { values } : undefined });
}

const KEY = /^[a-zA-Z]+$/;

function valuesOf(issue: z.core.$ZodIssue): FieldError["values"] {
  if (issue.code === "custom") return issue.params?.values as FieldError["values"];
  if (issue.code === "too_small") return { limit: Number(issue.minimum) };
  if (issue.code === "too_big") return { limit: Number(issue.maximum) };
  if (issue.code === "not_multiple_of") return { step: Number(issue.divisor) };
  return undefined;
}

function fieldError(key: ValidationKey, values: FieldError["values"]): FieldError {
  return values ? { key, values } : { key };
}

/** One error per field path ("container.ports.0.name"), the first zod reported, like the server's mapping. */
export function fieldErrorsOf(error: z.ZodError, prefix: (string | number)[] = []): FieldErrors {
  const fields = emptyFieldErrors();
  const put = (path: PropertyKey[], entry: FieldError) => {
    const name = [...prefix, ...path].map(String).join(".") || "_";
    fields[name] ??= entry;
  };
  for (const issue of error.issues) {
    // Messages are keys (errorKey, keyed); one that is not is zod's own English: never show it.
    const key = KEY.test(issue.message) ? (issue.message as ValidationKey) : "invalid";
    if (issue.code === "unrecognized_keys") {
      for (const unknown of issue.keys) put([...issue.path, unknown], { key: "unknownField" });
    } else {
      put(issue.path, fieldError(key, valuesOf(issue)));
    }
  }
  return fields;
}

/**
 * Every key the SKU core can return, besides the ones admins choose for patterns. The catalogs must define
 * them under `validation.`; a guard test can compare this list with messages/en.json.
 */
export const SKU_VALIDATION_KEYS: readonly ValidationKey[] = [
  "invalid",
  "required",
  "tooShort",
  "tooLong",
  "tooSmall",
  "tooBig",
  "tooFew",
  "tooMany",
  "number",
  "integer",
  "step",
  "choice",
  "unknownField",
  "slug",
  "gpuModel",
  "precision",
  "imageReference",
  "imageTag",
  "envName",
  "portName",
  "mountPath",
  "reservedPath",
  "reservedPort",
  "duplicate",
  "uiPortRequired",
  "uiPortOnlyOne",
  "onePersistentVolume",
  "persistentSizeWithoutVolume",
  "persistentVolumeWithoutSize",
  "notForModels",
  "gpuModelNotPriced",
  "migProfile",
  "hfModelId",
  "servedModelName",
  "currency",
  "urlPath",
  "unixUser",
  "labelValue",
  "dnsName",
  "notOverridable",
  "conditionNotMet",
  "notInSpec",
  "wrongControl",
  "conditionOrder",
  "defaultOutOfBounds",
  "pattern",
  "messageKey",
  "secretTooShort",
  "dockerRunEmpty",
  "dockerRunQuote",
  "dockerRunNotRun",
  "dockerRunUnknownOption",
  "dockerRunMissingValue",
  "dockerRunMissingImage",
  "dockerRunPort",
  "dockerRunEnv",
  "dockerRunGpus",
  "dockerRunVolume",
  "dockerRunMemory",
  "dockerRunCpus",
];
