import type { PublicError } from "@/lib/errors";

/** A failed API call: the server's public error (translated by its code), never a raw message. */
export class ApiError extends Error {
  constructor(
    readonly error: PublicError,
    readonly status: number,
  ) {
    super(error.code);
    this.name = "ApiError";
  }
}

/** GET a JSON resource of the portal's API with the session cookie; failures throw ApiError. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, cache: "no-store", headers: { Accept: "application/json" } });
  const body = (await response.json().catch(() => null)) as { error?: PublicError } | null;
  if (!response.ok) throw new ApiError(body?.error ?? { code: "internal" }, response.status);
  return body as T;
}
