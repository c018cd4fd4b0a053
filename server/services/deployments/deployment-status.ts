import type { TenantCaller } from "@/server/authz";
import type { DbTx } from "@/server/db/client";
import type { DeploymentPhase, DeploymentStatus } from "@/lib/deployments/status";
import { deploymentOf } from "./deployment-access";

const EVENTS_SHOWN = 20;


const urlOf = (spec: unknown): string | null => {
  const hostname = (spec as { access?: { https?: { hostname?: string } } }).access?.https?.hostname;
  return hostname ? `https://${hostname}` : null;
};

/** What a deployment's page polls: its phase and its latest events, newest first. */
export async function deploymentStatus(db: DbTx, caller: TenantCaller, deploymentId: string): Promise<DeploymentStatus> {
  const deployment = await deploymentOf(db, caller, deploymentId);
  const [events, version] = await Promise.all([
    db.deploymentEvent.findMany({ where: { deploymentId }, orderBy: { at: "desc" }, take: EVENTS_SHOWN }),
    deployment.skuVersionId ? db.skuVersion.findUnique({ where: { id: deployment.skuVersionId }, select: { skuId: true, number: true } }) : null,
  ]);
  return {
    id: deployment.id,
    name: deployment.name,
    kind: deployment.kind,
    desired: deployment.desired,
    phase: deployment.phase as DeploymentPhase,
    phaseMessage: deployment.phaseMessage,
    url: deployment.phase === "running" ? urlOf(deployment.spec) : null,
    skuVersion: version,
    createdAt: deployment.createdAt.toISOString(),
    events: events.map((e) => ({ at: e.at.toISOString(), type: e.type, reason: e.reason, message: e.message })),
  };
}
