import type { Caller } from "@/server/auth/caller";
import { isAllowed } from "@/server/authz";
import { db } from "@/server/db/client";
import { NAV_SECTIONS } from "./navigation";

/** The signed-in frame of every page: the caller's navigation, whose org they act in, and the cluster badge. */
export async function portalFrame(caller: Caller) {
  const simulatedClusters = await db().cluster.count({ where: { connection: "SIMULATED" } });
  const sections = NAV_SECTIONS.map((section) => ({
    title: section.title,
    items: section.items.filter((item) => isAllowed(caller, item.access)).map(({ href, label }) => ({ href, label })),
  })).filter((section) => section.items.length > 0);
  return {
    sections,
    simulated: simulatedClusters > 0,
    user: {
      name: caller.name,
      email: caller.email,
      activeOrgId: caller.org?.id ?? null,
      orgs: caller.memberships.map((m) => ({ id: m.org.id, name: m.org.name })),
    },
  };
}

export type PortalFrame = Awaited<ReturnType<typeof portalFrame>>;
