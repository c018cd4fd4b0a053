"use client";

import { createContext, useContext, useEffect } from "react";

export type EditorView = "form" | "yaml";

/** Which of the editor's views hold edits not saved yet: each view tells, the tabs show it. */
export const UnsavedContext = createContext<(view: EditorView, unsaved: boolean) => void>(() => undefined);

/** Reports a view's unsaved state to the tabs around it (none outside tabs). */
export function useReportUnsaved(view: EditorView, unsaved: boolean) {
  const report = useContext(UnsavedContext);
  useEffect(() => report(view, unsaved), [report, view, unsaved]);
}
