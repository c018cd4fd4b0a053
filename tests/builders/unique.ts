import { randomBytes } from "node:crypto";

/** A short random tag, so records a test makes never collide with the seed's or another test's. */
export const uniqueTag = () => randomBytes(4).toString("hex");

/** A slug no other record has, e.g. `org-1f2e3d4c`. */
export const uniqueSlug = (prefix: string) => `${prefix}-${uniqueTag()}`;
