"use client";

import { createContext, useContext } from "react";
import type { Path } from "@/lib/skus/edit-path";

type SpecFormContext = {
  read: (path: Path) => unknown;
  write: (path: Path, value: unknown) => void;
  /** The translated problem of a field (by its path in the spec), if the last save found one. */
  errorOf: (path: Path) => string | undefined;
};

export const FormContext = createContext<SpecFormContext | null>(null);

export function useSpecForm(): SpecFormContext {
  const context = useContext(FormContext);
  if (!context) throw new Error("useSpecForm outside a SpecForm");
  return context;
}
