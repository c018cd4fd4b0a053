import { AppError } from "@/server/errors";

/** JSON bodies, or SKU files (YAML); each with its own size limit and content types. */
export type BodyKind = "json" | "yaml";

const MAX_BYTES: Record<BodyKind, number> = { json: 1024 * 1024, yaml: 256 * 1024 };

/**
 * What each kind must declare. None of them is a type an HTML form can send, so a page elsewhere cannot
 * make a browser post one without a CORS preflight, which the portal never grants.
 */
const CONTENT_TYPES: Record<BodyKind, readonly string[]> = {
  json: ["application/json"],
  yaml: ["application/yaml", "application/x-yaml", "text/yaml"],
};

/** The media type of the request's Content-Type, without its parameters (charset), lower-cased. */
const mediaTypeOf = (request: Request) =>
  (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();

/**
 * A request body: refused unread (415) unless it declares its kind's content type, then refused when it
 * is larger than its kind allows or, for JSON, not JSON.
 */
export async function readBody(request: Request, kind: BodyKind): Promise<unknown> {
  if (!CONTENT_TYPES[kind].includes(mediaTypeOf(request))) throw new AppError("unsupported_media_type");
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BYTES[kind]) throw new AppError("validation", { body: { key: "fileTooLarge" } });
  if (kind === "yaml") return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("validation", { body: { key: "invalid" } });
  }
}
