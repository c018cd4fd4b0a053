import { AppError } from "@/server/errors";

/** JSON bodies, or text files (SKU YAML); each with its own size limit. */
export type BodyKind = "json" | "text";

const MAX_BYTES: Record<BodyKind, number> = { json: 1024 * 1024, text: 256 * 1024 };

/** A request body, refused when it is larger than its kind allows or, for JSON, not JSON. */
export async function readBody(request: Request, kind: BodyKind): Promise<unknown> {
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BYTES[kind]) throw new AppError("validation", { body: { key: "fileTooLarge" } });
  if (kind === "text") return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("validation", { body: { key: "invalid" } });
  }
}
