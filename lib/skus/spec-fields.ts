import { z } from "zod";
import { displayNameSchema, gpuModelSchema, idSchema, slugSchema } from "@/lib/validation/common";
import { errorKey, keyed } from "@/lib/validation/field-errors";

/** Field-level building blocks of the SKU spec. Each fails with a message key (see field-errors.ts). */

/** Type errors keyed ("required" when missing) before the shared schema's own checks run. */
const keyedString = () => z.string(keyed);

export const skuSlug = keyedString().pipe(slugSchema);
export const skuDisplayName = keyedString().pipe(displayNameSchema);
export const skuGpuModel = keyedString().pipe(gpuModelSchema);
export const skuId = keyedString().pipe(idSchema);

export const intBetween = (min: number, max: number) => z.number(keyed).int().min(min).max(max);

/** Whether `value` is a whole number of 10^-decimals, judged on the decimal it was written as. */
export function hasAtMostDecimals(value: number, decimals: number): boolean {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale === value;
}

/** A number written with at most `decimals` decimals (CPU in millicores, prices in micro-units). */
export const decimalBetween = (min: number, max: number, decimals: number) =>
  z
    .number(keyed)
    .min(min)
    .max(max)
    .refine((value) => hasAtMostDecimals(value, decimals), { error: "precision", params: { values: { decimals } } });

/** A price in currency units; six decimals so it converts to integer micro-units exactly. */
export const price = decimalBetween(0, 1_000_000, 6);

export const currency = keyedString().regex(/^[A-Z]{3}$/, errorKey("currency"));

/** Kubernetes label value (node pools, KAI queues), never empty. */
export const labelValue = keyedString()
  .min(1)
  .max(63)
  .regex(/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/, errorKey("labelValue"));

/** DNS-1123 subdomain (runtime class names). */
export const dnsSubdomain = keyedString()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, errorKey("dnsName"));

/** DNS-1123 label (volume names). */
export const dnsLabel = keyedString()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, errorKey("dnsName"));

/**
 * POSIX names only (no dots or dashes, which Kubernetes would allow): overrides address a variable as
 * "env.<NAME>", and a dot in the name would make that path ambiguous.
 */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const envName = keyedString().min(1).max(128).regex(ENV_NAME, errorKey("envName"));

/** IANA service name, what Kubernetes requires of port names: ≤ 15, a letter, no "--". */
export const portName = keyedString()
  .min(1)
  .max(15)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, errorKey("portName"))
  .refine((name) => /[a-z]/.test(name) && !name.includes("--"), errorKey("portName"));

export const absolutePath = keyedString()
  .max(1024)
  .regex(/^\/[^\0:]*$/, errorKey("mountPath"))
  .refine((path) => path !== "/" && !path.split("/").includes(".."), errorKey("mountPath"));

/** The path of a web UI, e.g. "/lab": where the HTTPS link opens. */
export const urlPath = keyedString()
  .max(512)
  .regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/, errorKey("urlPath"));

export const unixUser = keyedString().regex(/^[a-z_][a-z0-9_-]{0,31}$/, errorKey("unixUser"));

/** MIG profiles as the device plugin's mixed strategy names them (`nvidia.com/mig-<profile>`). */
export const MIG_PROFILE = /^[1-8]g\.[0-9]{1,3}gb$/;
export const migProfile = keyedString().regex(MIG_PROFILE, errorKey("migProfile"));

/** Hugging Face model id, e.g. "meta-llama/Llama-3.1-8B-Instruct". */
export const hfModelId = keyedString().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,95}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,95})?$/, {
  error: "hfModelId",
});

/** The `model` clients send; what the gateway routes on. */
export const servedModelName = keyedString().regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/, errorKey("servedModelName"));

export const optionalText = (max: number) => keyedString().trim().max(max).default("");
