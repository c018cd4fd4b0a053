import { z } from "zod";
import { ROLES } from "@/lib/roles";
import { errorKey } from "@/lib/validation/field-errors";
import { displayNameSchema, idSchema } from "./common";

/** How long a token may live: it must expire, and within a year. */
export const API_TOKEN_MAX_DAYS = 365;
/** The lifetimes the form offers; the server takes any whole number of days within the bounds. */
export const API_TOKEN_EXPIRY_CHOICES = [7, 30, 90, 180, 365] as const;

/** Form strings are read as numbers; a blank field is "required", never 0. */
const expiresInDaysSchema = z.preprocess(
  (value) => (typeof value === "string" ? (value.trim() === "" ? undefined : Number(value)) : value),
  z
    .number({ error: (issue) => (issue.input === undefined ? "required" : "number") })
    .int(errorKey("integer"))
    .min(1, errorKey("tooSmall"))
    .max(API_TOKEN_MAX_DAYS, errorKey("tooBig")),
);

/** A new token acts in the caller's organization (from the session); the scope is checked against their role. */
export const createApiTokenSchema = z.object({
  name: displayNameSchema,
  scope: z.enum(ROLES, errorKey("choice")),
  expiresInDays: expiresInDaysSchema,
});

export const revokeApiTokenSchema = z.object({ tokenId: idSchema });
