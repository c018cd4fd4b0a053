/**
 * metav1.Status errors, shaped exactly like kube-apiserver's (message wording, reason, details),
 * because drivers branch on them.
 */
import type { ResourceType } from "./resources.ts";

interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

interface StatusBody {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure" | "Success";
  message?: string;
  reason?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  code: number;
}

export class ApiError extends Error {
  readonly status: StatusBody;
  readonly headers: Record<string, string>;
  constructor(status: StatusBody, headers: Record<string, string> = {}) {
    super(status.message ?? status.reason ?? `HTTP ${status.code}`);
    this.status = status;
    this.headers = headers;
  }
  get code(): number {
    return this.status.code;
  }
}

function failure(code: number, reason: string, message: string, details?: StatusBody["details"]): ApiError {
  const body: StatusBody = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code };
  if (details) body.details = details;
  return new ApiError(body);
}

function qualifiedKind(t: ResourceType): string {
  return t.group ? `${t.kind}.${t.group}` : t.kind;
}

function resDetails(t: ResourceType, name: string): StatusBody["details"] {
  const d: NonNullable<StatusBody["details"]> = { name, kind: t.resource };
  if (t.group) d.group = t.group;
  return d;
}

export const errors = {
  notFound(t: ResourceType, name: string): ApiError {
    return failure(404, "NotFound", `${t.qualified} "${name}" not found`, resDetails(t, name));
  },
  /** Unknown URL or unserved resource. */
  pathNotFound(): ApiError {
    return failure(404, "NotFound", "the server could not find the requested resource", {});
  },
  alreadyExists(t: ResourceType, name: string): ApiError {
    return failure(409, "AlreadyExists", `${t.qualified} "${name}" already exists`, resDetails(t, name));
  },
  conflict(
    t: ResourceType,
    name: string,
    why = "the object has been modified; please apply your changes to the latest version and try again",
  ): ApiError {
    return failure(
      409,
      "Conflict",
      `Operation cannot be fulfilled on ${t.qualified} "${name}": ${why}`,
      resDetails(t, name),
    );
  },
  applyConflict(
    t: ResourceType,
    name: string,
    conflicts: { manager: string; apiVersion: string; field: string }[],
  ): ApiError {
    const n = conflicts.length;
    let message: string;
    if (n === 1) {
      const c = conflicts[0]!;
      message = `Apply failed with 1 conflict: conflict with "${c.manager}" using ${c.apiVersion}: ${c.field}`;
    } else {
      const byManager = new Map<string, string[]>();
      for (const c of conflicts) {
        const key = `conflicts with "${c.manager}" using ${c.apiVersion}:`;
        byManager.set(key, [...(byManager.get(key) ?? []), c.field]);
      }
      message =
        `Apply failed with ${n} conflicts: ` +
        [...byManager].map(([k, fields]) => `${k}\n${fields.map((f) => `- ${f}`).join("\n")}`).join("\n");
    }
    return failure(409, "Conflict", message, {
      ...resDetails(t, name),
      causes: conflicts.map((c) => ({
        reason: "FieldManagerConflict",
        message: `conflict with "${c.manager}" using ${c.apiVersion}`,
        field: c.field,
      })),
    });
  },
  invalid(t: ResourceType, name: string, causes: { field: string; message: string; reason?: string }[]): ApiError {
    const parts = causes.map((c) => `${c.field}: ${c.message}`);
    const summary = parts.length === 1 ? parts[0] : `[${parts.join(", ")}]`;
    return failure(422, "Invalid", `${qualifiedKind(t)} "${name}" is invalid: ${summary}`, {
      name,
      ...(t.group ? { group: t.group } : {}),
      kind: t.kind,
      causes: causes.map((c) => ({ reason: c.reason ?? "FieldValueInvalid", message: c.message, field: c.field })),
    });
  },
  /** 422 for an options object (PatchOptions, DeleteOptions…). */
  invalidOptions(kind: string, causes: { field: string; message: string; reason?: string }[]): ApiError {
    const parts = causes.map((c) => `${c.field}: ${c.message}`);
    const summary = parts.length === 1 ? parts[0] : `[${parts.join(", ")}]`;
    return failure(422, "Invalid", `${kind}.meta.k8s.io "" is invalid: ${summary}`, {
      group: "meta.k8s.io",
      kind,
      causes: causes.map((c) => ({ reason: c.reason ?? "FieldValueInvalid", message: c.message, field: c.field })),
    });
  },
  forbidden(t: ResourceType, name: string, why: string): ApiError {
    return failure(403, "Forbidden", `${t.qualified} "${name}" is forbidden: ${why}`, resDetails(t, name));
  },
  /** A JSON patch that cannot be applied to the current object. */
  invalidPatch(message: string): ApiError {
    return failure(422, "Invalid", message);
  },
  badRequest(message: string): ApiError {
    return failure(400, "BadRequest", message);
  },
  methodNotAllowed(): ApiError {
    return failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", {});
  },
  unsupportedMediaType(message: string): ApiError {
    return failure(415, "UnsupportedMediaType", message);
  },
  notAcceptable(message: string): ApiError {
    return failure(406, "NotAcceptable", message);
  },
  gone(message: string): ApiError {
    return failure(410, "Expired", message);
  },
  unauthorized(): ApiError {
    return failure(401, "Unauthorized", "Unauthorized");
  },
  tooLarge(): ApiError {
    return failure(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");
  },
  timeout(message: string, retryAfterSeconds = 1): ApiError {
    return failure(504, "Timeout", message, { retryAfterSeconds });
  },
  internal(message: string): ApiError {
    return failure(500, "InternalError", `Internal error occurred: ${message}`, { causes: [{ message }] });
  },
  /** An error forced by the fault injector: same shape as the real server's for that code. */
  injected(code: number, message?: string): ApiError {
    const reasons: Record<number, [string, string]> = {
      400: ["BadRequest", "the server rejected our request for an unknown reason"],
      401: ["Unauthorized", "Unauthorized"],
      403: ["Forbidden", "forbidden"],
      404: ["NotFound", "the server could not find the requested resource"],
      409: ["Conflict", "the server reported a conflict"],
      410: ["Expired", "the resource version is too old"],
      422: ["Invalid", "the server rejected the object as invalid"],
      429: ["TooManyRequests", "the server has received too many requests and has asked us to try again later"],
      500: ["InternalError", "Internal error occurred: injected fault"],
      502: ["InternalError", "the server responded with a bad gateway"],
      503: ["ServiceUnavailable", "the server is currently unable to handle the request"],
      504: [
        "Timeout",
        "the server was unable to return a response in the time allotted, but may still be processing the request",
      ],
    };
    const [reason, defaultMessage] = reasons[code] ?? ["Unknown", `injected fault (HTTP ${code})`];
    const err = failure(
      code,
      reason,
      message ?? defaultMessage,
      code === 429 || code === 503 || code === 504 ? { retryAfterSeconds: 1 } : undefined,
    );
    if (code === 429 || code === 503) err.headers["Retry-After"] = "1";
    return err;
  },
};

export function successStatus(details: StatusBody["details"]): Record<string, unknown> {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", details };
}
