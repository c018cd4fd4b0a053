import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { ErrorCode, FieldError, FileProblem, PublicError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation/field-errors";

/** A failure the caller may be told about: a code, never a message with internals. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fields?: Record<string, FieldError>,
    readonly problems?: FileProblem[],
  ) {
    super(code);
    this.name = "AppError";
  }
}

export const notFound = () => new AppError("not_found");
export const forbidden = () => new AppError("forbidden");

/** A zod failure as the validation error clients translate field by field. */
export function validationError(error: z.ZodError): AppError {
  return new AppError("validation", fieldErrorsOf(error));
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const nul = pathToNul(raw);
  if (nul !== null) throw new AppError("validation", { [nul || "_"]: { key: "invalid" } });
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/**
 * Where a NUL character hides in an input, or null. PostgreSQL text cannot hold one, so it would surface
 * as an internal error deep in a query; every input is refused at the boundary instead.
 */
function pathToNul(value: unknown, path = "", depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (!value || typeof value !== "object" || depth > 64) return null;
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes("\u0000")) return at;
    const found = pathToNul(child, at, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** Maps any thrown value to what may leave the server; unexpected errors are logged with a reference. */
export function toPublicError(error: unknown): PublicError {
  if (error instanceof AppError) {
    return {
      code: error.code,
      ...(error.fields && { fields: error.fields }),
      ...(error.problems && { problems: error.problems }),
    };
  }
  if (isUniqueViolation(error)) return { code: "conflict" };
  const reference = randomUUID().slice(0, 8);
  console.error(`[portico] internal error ${reference}:`, error);
  return { code: "internal", reference };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
