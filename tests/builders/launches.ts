import type { TenantCaller } from "@/server/authz";
import type { Db } from "@/server/db/client";
import { launchSku } from "@/server/services/deployments/launch-sku";

/** An OpenSSH key for Developer Pods launched in tests; nobody holds its private half. */
export const TEST_SSH_KEY = [
  "ssh-ed25519",
  "AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTestsOnly0123456789abcdefABCDEFGHIJ",
  "portico-tests",
].join(" ");

export type LaunchAsOptions = {
  /** The slug of the SKU to launch. */
  sku: string;
  clusterId: string;
  /** Default the first project of the caller's org. */
  projectId?: string;
  /** Default the SKU's slug. */
  name?: string;
  /** The launch form's values; default none (the SKU's own). */
  values?: Record<string, string | number>;
  /** Default TEST_SSH_KEY (a Developer Pod needs one; other kinds ignore it). */
  sshPublicKey?: string;
};

/** Launches a SKU from the marketplace as `caller` would: through launchSku and all its checks. */
export async function launchAs(db: Db, caller: TenantCaller, options: LaunchAsOptions) {
  const sku = await db.sku.findUniqueOrThrow({ where: { slug: options.sku } });
  const firstProject = () =>
    db.project.findFirstOrThrow({ where: { orgId: caller.org.id }, orderBy: { createdAt: "asc" } });
  return launchSku(db, caller, {
    skuId: sku.id,
    projectId: options.projectId ?? (await firstProject()).id,
    clusterId: options.clusterId,
    name: options.name ?? options.sku,
    values: options.values ?? {},
    sshPublicKey: options.sshPublicKey ?? TEST_SSH_KEY,
  });
}
