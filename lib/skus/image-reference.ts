import { z } from "zod";
import { keyed } from "@/lib/validation/field-errors";

/**
 * Container image references, by the distribution/reference grammar: [domain[:port]/]path[:tag][@digest].
 * The same rule as server/cluster/manifests/workload-spec.ts (lib/ cannot import server code; the server
 * could import this one instead). A tag or digest is required so a SKU never floats on an implicit ":latest".
 */
const DOMAIN_LABEL = "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)";
const DOMAIN = String.raw`${DOMAIN_LABEL}(?:\.${DOMAIN_LABEL})*(?::[0-9]+)?`;
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const TAG = String.raw`[\w][\w.-]{0,127}`;
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const IMAGE_REFERENCE = new RegExp(`^${NAME}(?::${TAG}(?:@${DIGEST})?|@${DIGEST})$`);
const UNTAGGED_NAME = new RegExp(`^${NAME}$`);

const IMAGE_REFERENCE_MAX_LENGTH = 512;

/** "imageTag" when only the tag is missing (the fix is obvious), "imageReference" otherwise, or undefined. */
export function imageReferenceProblem(reference: string): "imageTag" | "imageReference" | undefined {
  if (reference.length > IMAGE_REFERENCE_MAX_LENGTH) return "imageReference";
  if (IMAGE_REFERENCE.test(reference)) return undefined;
  return UNTAGGED_NAME.test(reference) ? "imageTag" : "imageReference";
}

export const imageReferenceSchema = z
  .string(keyed)
  .trim()
  .min(1)
  .superRefine((reference, ctx) => {
    const problem = imageReferenceProblem(reference);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
