import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requirePageAccess } from "@/server/auth/page-access";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const caller = await requirePageAccess("signed-in");
  return <AppShell caller={caller}>{children}</AppShell>;
}
