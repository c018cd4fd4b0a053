"use client";

import { useTranslations } from "next-intl";
import type { FieldError } from "@/lib/errors";

/** Translates a field error the server chose: its key is one of the catalog's `validation` messages. */
export function useValidationMessage(): (key: FieldError["key"], values?: FieldError["values"]) => string {
  return useTranslations("validation");
}
