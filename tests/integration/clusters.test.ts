import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/services/audit/record-audit";
import { platformAdminOf } from "../support/actors";
import { appErrorOf, codeOf } from "../support/app-errors";
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
let fleet: typeof import("@/server/services/clusters/fleet");
let connections: typeof import("@/server/runtime/cluster-connections");
let box: typeof import("@/server/security/secret-box");

beforeAll(async () => {
  seeded = await createSeededDatabase();
  process.env.DATABASE_URL = seeded.url;
  process.env.PORTICO_ENCRYPTION_KEY = KEY;
  actor = await platformAdminOf(seeded.db);
  ({ registerCluster: register } = await import("@/server/services/clusters/register-cluster"));
  fleet = await import("@/server/services/clusters/fleet");
  ({ listClusters } = fleet);
  connections = await import("@/server/runtime/cluster-connections");
  box = await import("@/server/security/secret-box");
});

afterAll(async () => {
  await seeded?.close();
});

describe("cluster registration", () => {
  it("seals the kubeconfig at rest, and never lists or audits it", async () => {
    const { id } = await register(seeded.db, actor, { connection: "KUBECONFIG", name: "prod", kubeconfig: KUBECONFIG });
    const row = await seeded.db.cluster.findUniqueOrThrow({ where: { id } });
    expect(row.kubeconfigCipher).toMatch(/^v2:/);
    expect(row.kubeconfigCipher).not.toContain("super-secret-token-value");
    const { open, parseKey, sealedFor } = box;
    expect(open(row.kubeconfigCipher!, parseKey(KEY), sealedFor.clusterKubeconfig(id))).toBe(KUBECONFIG);
    expect(JSON.stringify(await listClusters(seeded.db))).not.toContain("v2:");
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

describe("kubeconfigs with a credential plugin", () => {
  // The plugin would leave a file behind if the portal ever ran it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portico-exec-"));
  const marker = path.join(dir, "exec-ran");
  const credential = JSON.stringify({
    apiVersion: "client.authentication.k8s.io/v1beta1",
    kind: "ExecCredential",
    status: { token: "x" },
  });
  const execKubeconfig = JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "evil", cluster: { server: "https://127.0.0.1:1" } }],
    users: [
      {
        name: "plugin-user",
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "/bin/sh",
            args: ["-c", `touch '${marker}'; echo '${credential}'`],
          },
        },
      },
    ],
    contexts: [{ name: "evil", context: { cluster: "evil", user: "plugin-user" } }],
    "current-context": "evil",
  });
  const refusedPlugin = { key: "kubeconfigPlugin", values: { name: "plugin-user", field: "exec" } };

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("are refused at registration, naming the user, and nothing runs", async () => {
    const error = await appErrorOf(
      register(seeded.db, actor, { connection: "KUBECONFIG", name: "evil", kubeconfig: execKubeconfig }),
    );
    expect(error).toMatchObject({
      code: "validation",
      fields: { kubeconfig: refusedPlugin, "kubeconfig.users.0.user.exec": refusedPlugin },
    });
    expect(await seeded.db.cluster.findUnique({ where: { name: "evil" } })).toBeNull();
    expect(fs.existsSync(marker)).toBe(false);
  });

  it("are refused again when a stored row (older than the check) is checked or connected; nothing runs", async () => {
    const id = "cevilcluster0000000000001";
    const { seal, parseKey, sealedFor } = box;
    const kubeconfigCipher = seal(execKubeconfig, parseKey(KEY), sealedFor.clusterKubeconfig(id));
    await seeded.db.cluster.create({ data: { id, name: "evil-stored", connection: "KUBECONFIG", kubeconfigCipher } });
    expect(await appErrorOf(fleet.checkClusterHealth(seeded.db, id))).toMatchObject({
      fields: { kubeconfig: refusedPlugin },
    });
    const row = await seeded.db.cluster.findUniqueOrThrow({ where: { id } });
    expect(await appErrorOf(connections.kubeConfigFor(row))).toMatchObject({ fields: { kubeconfig: refusedPlugin } });
    expect(await fleet.clusterCapacity(id)).toMatchObject({ ok: false });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fs.existsSync(marker)).toBe(false);
  });
});

describe("sealed kubeconfigs", () => {
  it("open only for their own row: one pasted into another cluster's row is refused", async () => {
    const { id } = await register(seeded.db, actor, {
      connection: "KUBECONFIG",
      name: "prod-2",
      kubeconfig: KUBECONFIG,
    });
    const { kubeconfigCipher } = await seeded.db.cluster.findUniqueOrThrow({ where: { id } });
    const other = await seeded.db.cluster.create({
      data: { name: "pasted", connection: "KUBECONFIG", kubeconfigCipher },
    });
    await expect(connections.kubeConfigFor(other)).rejects.toThrow();
    const own = await seeded.db.cluster.findUniqueOrThrow({ where: { id } });
    expect((await connections.kubeConfigFor(own)).getCurrentCluster()?.server).toBe("https://10.0.0.1:6443");
  });
});
