import type { DeploymentPhase, DeploymentStatus, ReasonKey } from "@/lib/deployments/status";
import en from "@/messages/en.json";
import type { TenantCaller } from "@/server/authz";
import type { DbTx } from "@/server/db/client";
import type { DeploymentGetPayload } from "@/server/db/generated/models";
import { notFound } from "@/server/errors";

const EVENTS_SHOWN = 20;

/** What a status needs besides the deployment's row: its latest events and its SKU version. */
export const withTimeline = {
  events: { orderBy: { at: "desc" }, take: EVENTS_SHOWN },
  skuVersion: { select: { skuId: true, number: true } },
  cluster: { select: { name: true } },
} as const;

type WithTimeline = DeploymentGetPayload<{ include: typeof withTimeline }>;

const KNOWN_REASONS = new Set(Object.keys(en.deployments.reasons));
const reasonKeyOf = (reason: string) => (KNOWN_REASONS.has(reason) ? (reason as ReasonKey) : null);

const urlOf = (spec: unknown): string | null => {
  const hostname = (spec as { access?: { https?: { hostname?: string } } }).access?.https?.hostname;
  return hostname ? `https://${hostname}` : null;
};

/** A deployment's phase and its latest events, newest first. */
export function statusOf(deployment: WithTimeline): DeploymentStatus {
  return {
    id: deployment.id,
    name: deployment.name,
    kind: deployment.kind,
    desired: deployment.desired,
    phase: deployment.phase as DeploymentPhase,
    phaseMessage: deployment.phaseMessage,
    url: deployment.phase === "running" ? urlOf(deployment.spec) : null,
    skuVersion: deployment.skuVersion,
    createdAt: deployment.createdAt.toISOString(),
    events: deployment.events.map((e) => ({
      at: e.at.toISOString(),
      type: e.type,
      reason: e.reason,
      reasonKey: reasonKeyOf(e.reason),
      message: e.message,
    })),
  };
}

/** What a deployment's page polls; only in the caller's organization (another tenant's id is "not found"). */
export async function deploymentStatus(
  db: DbTx,
  caller: TenantCaller,
  deploymentId: string,
): Promise<DeploymentStatus> {
  const deployment = await db.deployment.findFirst({
    where: { id: deploymentId, orgId: caller.org.id },
    include: withTimeline,
  });
  if (!deployment) throw notFound();
  return statusOf(deployment);
}
