import { z } from "zod";

// Messages are keys under `validation.` in the catalogs, never English text.
export const slugSchema = z
  .string()
  .trim()
  .min(2, { error: "tooShort" })
  .max(40, { error: "tooLong" })
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, { error: "slug" });

export const displayNameSchema = z.string().trim().min(1, { error: "required" }).max(80, { error: "tooLong" });

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { error: "tooLong" })
  .pipe(z.email({ error: "email" }));

export const idSchema = z.string().min(1, { error: "required" }).max(64, { error: "tooLong" });

/** GPU model names as the cluster reports them, e.g. "H100-80GB", "A100-80GB", "L40S". */
export const gpuModelSchema = z
  .string()
  .trim()
  .min(1, { error: "required" })
  .max(40, { error: "tooLong" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: "gpuModel" });

/** A whole number of GPUs; form strings are read as numbers, and a blank field is "required", never 0. */
export const gpuCountSchema = z.preprocess(
  (value) => (typeof value === "string" ? (value.trim() === "" ? undefined : Number(value)) : value),
  z
    .number({ error: (issue) => (issue.input === undefined ? "required" : "number") })
    .int({ error: "integer" })
    .min(0, { error: "tooSmall" })
    .max(100_000, { error: "tooBig" }),
);
