// Sealed values: AES-256-GCM with the full 16-byte tag, bound to the purpose and row they were sealed for.
import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, openLegacy, seal, sealedFor } from "@/server/security/secret-box";

const key = randomBytes(32);
const CLUSTER_A = "ccluster0000000000000000a";
const CLUSTER_B = "ccluster0000000000000000b";

/** A value as the portal sealed it before values were bound ("v1": no additional data). */
function sealV1(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(":");
}

const withTag = (sealed: string, change: (tag: Buffer) => Buffer) => {
  const [version, iv, tag, body] = sealed.split(":") as [string, string, string, string];
  return [version, iv, change(Buffer.from(tag, "base64url")).toString("base64url"), body].join(":");
};

describe("sealed values", () => {
  it("open for the row and purpose they were sealed for", () => {
    const sealed = seal("kubeconfig text", key, sealedFor.clusterKubeconfig(CLUSTER_A));
    expect(sealed).toMatch(/^v2:/);
    expect(open(sealed, key, sealedFor.clusterKubeconfig(CLUSTER_A))).toBe("kubeconfig text");
  });

  it("fail to open when copied to another row or another purpose", () => {
    const sealed = seal("{}", key, sealedFor.deploymentSecrets(CLUSTER_A));
    expect(() => open(sealed, key, sealedFor.deploymentSecrets(CLUSTER_B))).toThrow();
    expect(() => open(sealed, key, sealedFor.clusterKubeconfig(CLUSTER_A))).toThrow();
    const variable = seal("t0ken", key, sealedFor.skuSecret(CLUSTER_A, "TOKEN"));
    expect(() => open(variable, key, sealedFor.skuSecret(CLUSTER_A, "OTHER"))).toThrow();
    expect(() => open(variable, key, sealedFor.skuSecret(CLUSTER_B, "TOKEN"))).toThrow();
  });

  it("keep the parts of a binding apart, whatever they contain", () => {
    const sealed = seal("x", key, sealedFor.skuSecret("a:b", "c"));
    expect(() => open(sealed, key, sealedFor.skuSecret("a", "b:c"))).toThrow();
  });

  it("refuse a truncated or lengthened tag, although GCM would accept a shorter prefix of the right one", () => {
    const bound = sealedFor.clusterKubeconfig(CLUSTER_A);
    const sealed = seal("secret", key, bound);
    const openWith = (change: (tag: Buffer) => Buffer) => () => open(withTag(sealed, change), key, bound);
    for (const length of [4, 8, 12, 15])
      expect(openWith((tag) => tag.subarray(0, length))).toThrow("not a sealed secret");
    expect(openWith((tag) => Buffer.concat([tag, Buffer.alloc(1)]))).toThrow("not a sealed secret");
    const legacy = withTag(sealV1("secret"), (tag) => tag.subarray(0, 4));
    expect(() => openLegacy(legacy, key)).toThrow("not a sealed secret");
  });

  it("sealed before values were bound (v1) open only for re-sealing", () => {
    const legacy = sealV1("old kubeconfig");
    expect(() => open(legacy, key, sealedFor.clusterKubeconfig(CLUSTER_A))).toThrow("not a sealed secret");
    expect(openLegacy(legacy, key)).toBe("old kubeconfig");
  });
});
