import { z } from "zod";
import { errorKey } from "@/lib/validation/field-errors";

// Messages are keys under `validation.` in the catalogs, never English text.
export const slugSchema = z
  .string()
  .trim()
  .min(2, errorKey("tooShort"))
  .max(40, errorKey("tooLong"))
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, errorKey("slug"));

export const displayNameSchema = z.string().trim().min(1, errorKey("required")).max(80, errorKey("tooLong"));

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, errorKey("tooLong"))
  .pipe(z.email(errorKey("email")));

/** Row ids are cuids: letters, digits, `_` and `-` only (a NUL or other oddity would reach the database). */
export const idSchema = z
  .string()
  .min(1, errorKey("required"))
  .max(64, errorKey("tooLong"))
  .regex(/^[A-Za-z0-9_-]+$/, errorKey("invalid"));

/** GPU model names as the cluster reports them, e.g. "H100-80GB", "A100-80GB", "L40S". */
export const gpuModelSchema = z
  .string()
  .trim()
  .min(1, errorKey("required"))
  .max(40, errorKey("tooLong"))
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, errorKey("gpuModel"));

/** A whole number of GPUs; form strings are read as numbers, and a blank field is "required", never 0. */
export const gpuCountSchema = z.preprocess(
  (value) => (typeof value === "string" ? (value.trim() === "" ? undefined : Number(value)) : value),
  z
    .number({ error: (issue) => (issue.input === undefined ? "required" : "number") })
    .int(errorKey("integer"))
    .min(0, errorKey("tooSmall"))
    .max(100_000, errorKey("tooBig")),
);
