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

/** Reasons whose message is the portal's own error text (API failures, retries): for the provider's eyes. */
const INTERNAL_MESSAGES = new Set<string>(["ReconcileFailed"]);

/** Who reads the events: tenants get translated reasons and the cluster's words, never internal errors. */
export type Audience = { internals: boolean };

export const audienceOf = (caller: TenantCaller): Audience => ({ internals: caller.isPlatformAdmin });

type StoredEvent = WithTimeline["events"][number];

function eventFor(event: StoredEvent, audience: Audience): DeploymentStatus["events"][number] | null {
  const reasonKey = reasonKeyOf(event.reason);
  if (!audience.internals && !reasonKey) return null;
  const hidden = !audience.internals && INTERNAL_MESSAGES.has(event.reason);
  return {
    at: event.at.toISOString(),
    type: event.type,
    reason: event.reason,
    reasonKey,
    message: hidden ? "" : event.message,
  };
}

/** A deployment's phase and its latest events, newest first. */
export function statusOf(deployment: WithTimeline, audience: Audience): DeploymentStatus {
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
    events: deployment.events.flatMap((event) => eventFor(event, audience) ?? []),
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
  return statusOf(deployment, audienceOf(caller));
}
