// The one error vocabulary shared by server and client. The server never sends internals:
// only a code (translated under `errors.<code>` in messages/) and, for invalid input, which
// fields failed and why (translated under `validation.<key>`).

const ERROR_CODES = [
  "unauthenticated",
  "forbidden",
  "not_found",
  "validation",
  "conflict",
  "rate_limited",
  "invalid_credentials",
  "quota_exceeded",
  "last_admin",
  "unsupported_media_type",
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

import type en from "@/messages/en.json";

/** A message of the catalogs' `validation` namespace: what every field error names. */
export type ValidationKey = keyof (typeof en)["validation"];

/** A translatable message: a key under `validation.` and the ICU values it needs. */
export type FieldError = { key: ValidationKey; values?: Record<string, string | number> };

/** A problem in a file a client sent (a SKU's YAML), pointing at its line. */
export type FileProblem = FieldError & { path: string; line: number };

export type PublicError = {
  code: ErrorCode;
  /** Set for `validation`: the path of each invalid field ("email", "quotas.0.maxGpus"). */
  fields?: Record<string, FieldError>;
  /** Set for `validation` of a file: each problem with its line. */
  problems?: FileProblem[];
  /** A reference to the server log entry, shown for `internal` errors. */
  reference?: string;
};

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: PublicError };

export const HTTP_STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  validation: 400,
  conflict: 409,
  rate_limited: 429,
  invalid_credentials: 401,
  quota_exceeded: 409,
  last_admin: 409,
  unsupported_media_type: 415,
  internal: 500,
};
