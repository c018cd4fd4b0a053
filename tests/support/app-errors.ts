// How a call failed, for asserting on the AppError a service or check refused it with.
import { expect } from "vitest";
import { AppError } from "@/server/errors";

/** Resolves to the AppError a call failed with (fails the test if it succeeded or failed otherwise). */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** "ok", or "code:key" of an AppError (its first field's key, if any), or any other error as text. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (!(error instanceof AppError)) return String(error);
    return `${error.code}:${Object.values(error.fields ?? {})[0]?.key ?? ""}`;
  }
}
