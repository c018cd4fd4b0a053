"use client";

import { useTranslations } from "next-intl";
import type { FieldError } from "@/lib/errors";

/** Translates a validation key the server chose (typed as a string, so the catalog's key type cannot check it). */
export function useValidationMessage(): (key: string, values?: FieldError["values"]) => string {
  return useTranslations("validation") as unknown as (key: string, values?: FieldError["values"]) => string;
}
