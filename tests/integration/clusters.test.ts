import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/services/audit/record-audit";
import { platformAdminOf } from "../support/actors";
import { codeOf } from "../support/app-errors";
import { createSeededDatabase, type SeededDatabase } from "../support/seeded-database";

const KEY = randomBytes(32).toString("base64");
const KUBECONFIG = JSON.stringify({
  apiVersion: "v1",
  kind: "Config",
  clusters: [{ name: "prod", cluster: { server: "https://10.0.0.1:6443" } }],
  users: [{ name: "portico", user: { token: "super-secret-token-value" } }],
  contexts: [{ name: "prod", context: { cluster: "prod", user: "portico" } }],
  "current-context": "prod",
});

let seeded: SeededDatabase;
let actor: Actor;
let register: typeof import("@/server/services/clusters/register-cluster").registerCluster;
let listClusters: typeof import("@/server/services/clusters/fleet").listClusters;

beforeAll(async () => {
  seeded = await createSeededDatabase();
  process.env.DATABASE_URL = seeded.url;
  process.env.PORTICO_ENCRYPTION_KEY = KEY;
  actor = await platformAdminOf(seeded.db);
  ({ registerCluster: register } = await import("@/server/services/clusters/register-cluster"));
  ({ listClusters } = await import("@/server/services/clusters/fleet"));
});

afterAll(async () => {
  await seeded?.close();
});

describe("cluster registration", () => {
  it("seals the kubeconfig at rest, and never lists or audits it", async () => {
    const { id } = await register(seeded.db, actor, { connection: "KUBECONFIG", name: "prod", kubeconfig: KUBECONFIG });
    const row = await seeded.db.cluster.findUniqueOrThrow({ where: { id } });
    expect(row.kubeconfigCipher).toMatch(/^v1:/);
    expect(row.kubeconfigCipher).not.toContain("super-secret-token-value");
    const { open, parseKey } = await import("@/server/security/secret-box");
    expect(open(row.kubeconfigCipher!, parseKey(KEY))).toBe(KUBECONFIG);
    expect(JSON.stringify(await listClusters(seeded.db))).not.toContain("v1:");
    const audit = await seeded.db.auditEvent.findFirstOrThrow({ where: { action: "cluster.register", targetId: id } });
    expect(JSON.stringify(audit.changes)).not.toContain("secret");
  });

  it("refuses an unreadable kubeconfig, one without a context, and a taken name", async () => {
    const code = (input: Parameters<typeof register>[2]) => codeOf(register(seeded.db, actor, input));
    expect(await code({ connection: "KUBECONFIG", name: "bad", kubeconfig: "{ not yaml: [" })).toBe(
      "validation:kubeconfig",
    );
    expect(
      await code({
        connection: "KUBECONFIG",
        name: "bad",
        kubeconfig: JSON.stringify({ apiVersion: "v1", kind: "Config", clusters: [], users: [], contexts: [] }),
      }),
    ).toBe("validation:kubeconfigContext");
    expect(await code({ connection: "IN_CLUSTER", name: "prod" })).toBe("conflict:taken");
    expect(await seeded.db.cluster.count()).toBe(1);
  });
});
