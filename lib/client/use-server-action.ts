"use client";

import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ActionResult, FieldError, PublicError } from "@/lib/errors";
import { useValidationMessage } from "./use-validation-message";

const NO_FIELD_ERRORS: Readonly<Record<string, FieldError>> = Object.freeze({});

/** What a successful call changed: the server-rendered page, or the client queries under these keys. */
export type Changes = "page" | readonly QueryKey[];

type Options<R> = { invalidates: Changes; onSuccess?: (data: R) => void };

/**
 * The one way client components call server actions: a react-query mutation that never
 * reports success after a failed call, translates the error code and per-field messages,
 * and on success refreshes only what the action changed (each caller says what that is).
 */
export function useServerAction<I, R>(action: (input: I) => Promise<ActionResult<R>>, options: Options<R>) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const tErrors = useTranslations("errors");
  // Keys come from the server's schemas; a key missing from the catalog falls back visibly.
  const translate = useValidationMessage();
  const mutation = useMutation<R, PublicError | Error, I>({
    mutationFn: async (input) => {
      const result = await action(input);
      if (!result.ok) throw result.error;
      return result.data;
    },
    onSuccess: (data) => {
      options.onSuccess?.(data);
      if (options.invalidates === "page") router.refresh();
      else for (const queryKey of options.invalidates) void queryClient.invalidateQueries({ queryKey });
    },
  });

  const publicError: PublicError | null = mutation.error
    ? mutation.error instanceof Error
      ? { code: "internal" }
      : mutation.error
    : null;

  return {
    run: mutation.mutate,
    pending: mutation.isPending,
    succeeded: mutation.isSuccess,
    data: mutation.data,
    reset: mutation.reset,
    /** Untranslated per-field problems, for forms that translate in another language (the launch preview). */
    fieldErrors: publicError?.fields ?? NO_FIELD_ERRORS,
    /** The form-level message, or null; for invalid input each field also has its own. */
    errorMessage: publicError ? tErrors(publicError.code, { reference: publicError.reference ?? "" }) : null,
    /** Translated problems of fields the form does not show (e.g. a quota on a field users cannot change). */
    otherFieldErrors(shown: Iterable<string>): string[] {
      const placed = new Set(shown);
      return Object.entries(publicError?.fields ?? {})
        .filter(([name]) => !placed.has(name))
        .map(([, field]) => translate(field.key, field.values));
    },
    fieldError(name: string): string | undefined {
      const field = publicError?.fields?.[name];
      return field ? translate(field.key, field.values) : undefined;
    },
  };
}
