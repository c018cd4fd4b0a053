import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { ErrorCode, FieldError, PublicError } from "@/lib/errors";

/** A failure the caller may be told about: a code, never a message with internals. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fields?: Record<string, FieldError>,
  ) {
    super(code);
    this.name = "AppError";
  }
}

export const notFound = () => new AppError("not_found");
export const forbidden = () => new AppError("forbidden");

/** Turns a zod failure into per-field translatable messages. */
export function validationError(error: z.ZodError): AppError {
  const fields: Record<string, FieldError> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "_";
    fields[path] ??= fieldErrorOf(issue);
  }
  return new AppError("validation", fields);
}

function fieldErrorOf(issue: z.core.$ZodIssue): FieldError {
  const bound = "minimum" in issue ? issue.minimum : "maximum" in issue ? issue.maximum : undefined;
  const values = typeof bound === "number" || typeof bound === "bigint" ? { limit: Number(bound) } : undefined;
  // Schemas name their message keys; zod's own defaults (e.g. an unexpected type) become "invalid".
  const key = /^[a-zA-Z]+$/.test(issue.message) ? issue.message : "invalid";
  return values ? { key, values } : { key };
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Maps any thrown value to what may leave the server; unexpected errors are logged with a reference. */
export function toPublicError(error: unknown): PublicError {
  if (error instanceof AppError) return error.fields ? { code: error.code, fields: error.fields } : { code: error.code };
  if (isUniqueViolation(error)) return { code: "conflict" };
  const reference = randomUUID().slice(0, 8);
  console.error(`[portico] internal error ${reference}:`, error);
  return { code: "internal", reference };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
