"use client";

import { useTranslations } from "next-intl";
import { Component, type ReactNode } from "react";
import { Alert } from "./layout";

type Props = { children: ReactNode; fallback: ReactNode };

/** Shows `fallback` instead of a panel that failed to render, so the rest of the page stays usable. */
class Boundary extends Component<Props, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** One per page section that can fail on its own (a cluster's capacity, a preview, a live list). */
export function PanelBoundary({ children }: { children: ReactNode }) {
  const t = useTranslations("shell");
  return <Boundary fallback={<Alert tone="danger">{t("panelFailed")}</Alert>}>{children}</Boundary>;
}
