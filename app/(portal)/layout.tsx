import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requirePageAccess } from "@/server/auth/page-access";
import { portalFrame } from "@/server/services/shell/portal-frame";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const frame = await portalFrame(await requirePageAccess("signed-in"));
  return <AppShell frame={frame}>{children}</AppShell>;
}
