// Sealed values are bound to their row and purpose: copies made by the services are sealed again, pasted
// ones fail, and values sealed before the binding ("v1") are re-sealed once, with the migrations.
import { createCipheriv, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SkuSpec } from "@/lib/skus/spec";
import type { Actor } from "@/server/services/audit/record-audit";
import { insertDeployment, seedSku } from "../builders";
import { platformAdminOf } from "../support/actors";
import { createSeededDatabase, type SeededDatabase } from "../support/seeded-database";

const KEY = randomBytes(32);
let seeded: SeededDatabase;
let admin: Actor;
let box: typeof import("@/server/security/secret-box");
let secrets: typeof import("@/server/services/skus/secret-values");
let authoring: typeof import("@/server/services/skus/author-sku");
let resealLegacySecrets: typeof import("@/server/db/reseal-legacy-secrets").resealLegacySecrets;

/** A value as the portal sealed it before values were bound to their rows. */
function sealV1(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", KEY, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", ...[iv, cipher.getAuthTag(), body].map((part) => part.toString("base64url"))].join(":");
}

const withSecret = (value: string) => (spec: SkuSpec) => {
  spec.container.env = [{ name: "HF_TOKEN", value, secret: true }];
};

beforeAll(async () => {
  seeded = await createSeededDatabase();
  process.env.PORTICO_ENCRYPTION_KEY = KEY.toString("base64");
  admin = await platformAdminOf(seeded.db);
  box = await import("@/server/security/secret-box");
  secrets = await import("@/server/services/skus/secret-values");
  authoring = await import("@/server/services/skus/author-sku");
  ({ resealLegacySecrets } = await import("@/server/db/reseal-legacy-secrets"));
});

afterAll(() => seeded?.close());

async function versionOf(id: string) {
  const { decodeVersion } = await import("@/server/services/skus/stored-version");
  return decodeVersion(await seeded.db.skuVersion.findUniqueOrThrow({ where: { id } }));
}

describe("a SKU's secret values", () => {
  it("are sealed again for a new draft, quietly for the audit; one pasted from another version fails", async () => {
    const { skuId, versionId } = await seedSku(seeded.db, { template: "blank-app", edit: withSecret("hf_one") });
    const published = await versionOf(versionId);
    const edited = structuredClone(secrets.redactSecrets(published.spec));
    edited.basics.displayName = "Renamed";
    const draft = await authoring.saveDraft(seeded.db, admin, { skuId, spec: edited, overrides: published.overrides });
    const copy = await versionOf(draft.versionId);
    const sealedValue = (spec: SkuSpec) => spec.container.env[0]!.value;
    expect(sealedValue(copy.spec)).not.toBe(sealedValue(published.spec));
    expect(sealedValue(secrets.openSecrets(copy))).toBe("hf_one");
    const audit = await seeded.db.auditEvent.findFirstOrThrow({ where: { action: "sku.edit", targetId: copy.id } });
    expect(Object.keys(audit.changes as object)).toEqual(["basics.displayName"]);
    expect(authoring.versionChanges(published, copy).map((c) => c.path)).toEqual(["basics.displayName"]);

    // The earlier version's sealed text written into the draft's row does not open there.
    const pasted = structuredClone(copy.spec);
    pasted.container.env[0]!.value = sealedValue(published.spec);
    await seeded.db.skuVersion.update({ where: { id: copy.id }, data: { spec: pasted as object } });
    await expect(authoring.publishVersion(seeded.db, admin, { versionId: copy.id })).rejects.toThrow();
  });
});

describe("values sealed before they were bound (v1)", () => {
  it("are re-sealed for their rows once, and open there afterwards", async () => {
    const { versionId } = await seedSku(seeded.db, { template: "blank-app", edit: withSecret("placeholder") });
    const version = await versionOf(versionId);
    const legacySpec = structuredClone(version.spec);
    legacySpec.container.env[0]!.value = sealV1("hf_legacy");
    await seeded.db.skuVersion.update({ where: { id: versionId }, data: { spec: legacySpec as object } });
    const cluster = await seeded.db.cluster.create({
      data: { name: "legacy", connection: "KUBECONFIG", kubeconfigCipher: sealV1("kubeconfig text") },
    });
    const deployment = await insertDeployment(seeded.db, cluster.id, "app");
    await seeded.db.deployment.update({
      where: { id: deployment.id },
      data: { secretEnvCipher: sealV1(JSON.stringify({ API_TOKEN: "t0ken" })) },
    });
    expect(() => secrets.openSecrets({ id: versionId, spec: legacySpec })).toThrow();

    expect(await resealLegacySecrets(seeded.db, KEY)).toBe(3);
    expect(await resealLegacySecrets(seeded.db, KEY)).toBe(0);
    const { open, sealedFor } = box;
    const clusterRow = await seeded.db.cluster.findUniqueOrThrow({ where: { id: cluster.id } });
    expect(open(clusterRow.kubeconfigCipher!, KEY, sealedFor.clusterKubeconfig(cluster.id))).toBe("kubeconfig text");
    const deploymentRow = await seeded.db.deployment.findUniqueOrThrow({ where: { id: deployment.id } });
    const env = open(deploymentRow.secretEnvCipher!, KEY, sealedFor.deploymentSecrets(deployment.id));
    expect(JSON.parse(env)).toEqual({ API_TOKEN: "t0ken" });
    const resealed = await versionOf(versionId);
    expect(resealed.spec.container.env[0]!.value).toMatch(/^v2:/);
    expect(secrets.openSecrets(resealed).container.env[0]!.value).toBe("hf_legacy");
  });
});
