import type { Db } from "@/server/db/client";
import { newRowId } from "@/server/db/row-id";
import { AppError } from "@/server/errors";
import { portalKey } from "@/server/security/portal-key";
import { seal, sealedFor } from "@/server/security/secret-box";
import { type Actor, recordAudit } from "@/server/services/audit/record-audit";
import { inlineKubeConfig } from "./inline-kubeconfig";

type Registration =
  | { name: string; connection: "KUBECONFIG"; kubeconfig: string }
  | { name: string; connection: "IN_CLUSTER" };

/** The kubeconfig checked (inline credentials, a current context with a server) and sealed for this row. */
function sealedKubeconfig(clusterId: string, kubeconfig: string): string {
  inlineKubeConfig(kubeconfig);
  const key = portalKey();
  if (!key) throw new AppError("validation", { kubeconfig: { key: "encryptionKeyMissing" } });
  return seal(kubeconfig, key, sealedFor.clusterKubeconfig(clusterId));
}

/**
 * Registers a cluster. A kubeconfig is sealed with the platform key before it is stored and is
 * never returned, logged or audited.
 */
export async function registerCluster(db: Db, actor: Actor, input: Registration) {
  const id = newRowId();
  const kubeconfigCipher = input.connection === "KUBECONFIG" ? sealedKubeconfig(id, input.kubeconfig) : null;
  return db.$transaction(async (tx) => {
    if (await tx.cluster.findUnique({ where: { name: input.name } }))
      throw new AppError("conflict", { name: { key: "taken" } });
    const cluster = await tx.cluster.create({
      data: { id, name: input.name, connection: input.connection, kubeconfigCipher },
    });
    await recordAudit(tx, actor, {
      action: "cluster.register",
      orgId: null,
      targetType: "cluster",
      targetId: cluster.id,
      changes: { name: { from: null, to: cluster.name }, connection: { from: null, to: cluster.connection } },
    });
    return { id: cluster.id };
  });
}
