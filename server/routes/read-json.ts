import { AppError } from "@/server/errors";

/** A request body as JSON, refusing bodies over `maxBytes` and anything that is not JSON. */
export async function readJson(request: Request, maxBytes = 1024 * 1024): Promise<unknown> {
  const text = await request.text();
  if (text.length > maxBytes) throw new AppError("validation", { _: { key: "fileTooLarge" } });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("validation", { _: { key: "invalid" } });
  }
}
