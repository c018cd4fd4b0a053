import { KubeConfig } from "@kubernetes/client-node";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { portalKey } from "@/server/security/portal-key";
import { seal } from "@/server/security/secret-box";
import { type Actor, recordAudit } from "@/server/services/audit/record-audit";

type Registration =
  | { name: string; connection: "KUBECONFIG"; kubeconfig: string }
  | { name: string; connection: "IN_CLUSTER" };

/** The kubeconfig must name a current context whose cluster has a server URL. */
function checkKubeconfig(text: string): void {
  const kubeConfig = new KubeConfig();
  try {
    kubeConfig.loadFromString(text);
  } catch {
    throw new AppError("validation", { kubeconfig: { key: "kubeconfig" } });
  }
  if (!kubeConfig.getCurrentCluster()?.server)
    throw new AppError("validation", { kubeconfig: { key: "kubeconfigContext" } });
}

/**
 * Registers a cluster. A kubeconfig is sealed with the platform key before it is stored and is
 * never returned, logged or audited.
 */
export async function registerCluster(db: Db, actor: Actor, input: Registration) {
  let kubeconfigCipher: string | null = null;
  if (input.connection === "KUBECONFIG") {
    checkKubeconfig(input.kubeconfig);
    const key = portalKey();
    if (!key) throw new AppError("validation", { kubeconfig: { key: "encryptionKeyMissing" } });
    kubeconfigCipher = seal(input.kubeconfig, key);
  }
  return db.$transaction(async (tx) => {
    if (await tx.cluster.findUnique({ where: { name: input.name } }))
      throw new AppError("conflict", { name: { key: "taken" } });
    const cluster = await tx.cluster.create({
      data: { name: input.name, connection: input.connection, kubeconfigCipher },
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
