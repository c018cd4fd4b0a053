import { isLegacySealed, openLegacy, type SealBinding, seal, sealedFor } from "@/server/security/secret-box";
import type { Db, DbTx } from "./client";

/**
 * Re-seals every value sealed before values were bound to their row ("v1") as "v2", bound to the row and
 * purpose that holds it. Run with the migrations (`npm start`, `npm run db:migrate`): afterwards nothing
 * opens v1 values, so none can be moved to another row and still open. Idempotent; one transaction.
 */
export async function resealLegacySecrets(db: Db, key: Buffer): Promise<number> {
  return db.$transaction(
    async (tx) =>
      (await resealClusters(tx, key)) + (await resealDeployments(tx, key)) + (await resealSkuVersions(tx, key)),
  );
}

const reseal = (sealed: string, key: Buffer, bound: SealBinding) => seal(openLegacy(sealed, key), key, bound);

async function resealClusters(tx: DbTx, key: Buffer): Promise<number> {
  const rows = await tx.cluster.findMany({ where: { kubeconfigCipher: { startsWith: "v1:" } } });
  for (const row of rows) {
    const kubeconfigCipher = reseal(row.kubeconfigCipher!, key, sealedFor.clusterKubeconfig(row.id));
    await tx.cluster.update({ where: { id: row.id }, data: { kubeconfigCipher } });
  }
  return rows.length;
}

async function resealDeployments(tx: DbTx, key: Buffer): Promise<number> {
  const rows = await tx.deployment.findMany({
    where: { secretEnvCipher: { startsWith: "v1:" } },
    select: { id: true, secretEnvCipher: true },
  });
  for (const row of rows) {
    const secretEnvCipher = reseal(row.secretEnvCipher!, key, sealedFor.deploymentSecrets(row.id));
    await tx.deployment.update({ where: { id: row.id }, data: { secretEnvCipher } });
  }
  return rows.length;
}

type StoredEnv = { name?: unknown; value?: unknown; secret?: unknown }[];

/** Secret variables live inside a version's spec JSON (container.env); only the sealed values change. */
async function resealSkuVersions(tx: DbTx, key: Buffer): Promise<number> {
  const rows = await tx.$queryRaw<{ id: string; spec: { container?: { env?: StoredEnv } } }[]>`
    SELECT "id", "spec" FROM "SkuVersion" WHERE "spec"::text LIKE '%"v1:%'`;
  let count = 0;
  for (const row of rows) {
    const env = row.spec.container?.env ?? [];
    const legacy = (v: StoredEnv[number]) =>
      v.secret === true && typeof v.value === "string" && isLegacySealed(v.value);
    if (!env.some(legacy)) continue;
    const resealed = env.map((v) =>
      legacy(v) ? { ...v, value: reseal(v.value as string, key, sealedFor.skuSecret(row.id, String(v.name))) } : v,
    );
    const spec = { ...row.spec, container: { ...row.spec.container, env: resealed } };
    await tx.skuVersion.update({ where: { id: row.id }, data: { spec: spec as object } });
    count++;
  }
  return count;
}
