// The one error vocabulary shared by server and client. The server never sends internals:
// only a code (translated under `errors.<code>` in messages/) and, for invalid input, which
// fields failed and why (translated under `validation.<key>`).

export const ERROR_CODES = [
  "unauthenticated",
  "forbidden",
  "not_found",
  "validation",
  "conflict",
  "rate_limited",
  "invalid_credentials",
  "quota_exceeded",
  "last_admin",
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A translatable message: a key under `validation.` and the ICU values it needs. */
export type FieldError = { key: string; values?: Record<string, string | number> };

export type PublicError = {
  code: ErrorCode;
  /** Set for `validation`: the path of each invalid field ("email", "quotas.0.maxGpus"). */
  fields?: Record<string, FieldError>;
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
  internal: 500,
};
