// Kubeconfigs carry inline credentials only: no credential plugins, no file paths, TLS verified.
import { describe, expect, it } from "vitest";
import type { AppError } from "@/server/errors";
import { inlineKubeConfig } from "@/server/services/clusters/inline-kubeconfig";

type User = Record<string, unknown>;
type Cluster = Record<string, unknown>;

function kubeconfig(user: User, cluster: Cluster = {}): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "prod", cluster: { server: "https://10.0.0.1:6443", ...cluster } }],
    users: [{ name: "ci-bot", user }],
    contexts: [{ name: "prod", context: { cluster: "prod", user: "ci-bot" } }],
    "current-context": "prod",
  });
}

function refusal(text: string): AppError["fields"] {
  try {
    inlineKubeConfig(text);
  } catch (error) {
    expect(error).toMatchObject({ code: "validation" });
    return (error as AppError).fields;
  }
  return expect.unreachable("the kubeconfig was accepted");
}

describe("a kubeconfig", () => {
  it("with inline credentials is accepted: a token, client certificate data, or basic auth", () => {
    for (const user of [
      { token: "t0ken" },
      { "client-certificate-data": "Y2VydA==", "client-key-data": "a2V5" },
      { username: "admin", password: "pw" },
    ]) {
      const loaded = inlineKubeConfig(kubeconfig(user, { "insecure-skip-tls-verify": false }));
      expect(loaded.getCurrentCluster()?.server).toBe("https://10.0.0.1:6443");
    }
  });

  it.each([
    ["exec", { apiVersion: "client.authentication.k8s.io/v1", command: "/bin/sh", args: ["-c", "id"] }],
    ["auth-provider", { name: "gcp", config: { "cmd-path": "/bin/sh", "cmd-args": "-c id" } }],
  ])("running a credential plugin (%s) is refused, naming the user and the field", (field, value) => {
    const fields = refusal(kubeconfig({ [field]: value }));
    const expected = { key: "kubeconfigPlugin", values: { name: "ci-bot", field } };
    expect(fields).toMatchObject({ kubeconfig: expected, [`kubeconfig.users.0.user.${field}`]: expected });
  });

  it.each(["tokenFile", "token-file", "client-certificate", "client-key"])(
    "reading a file (%s) is refused before the client library could read it",
    (field) => {
      const fields = refusal(kubeconfig({ [field]: "/nonexistent/portico-test/credential" }));
      expect(fields?.kubeconfig).toEqual({ key: "kubeconfigUserFile", values: { name: "ci-bot", field } });
    },
  );

  it("refuses a certificate authority file, switching TLS verification off, and fields it does not support", () => {
    expect(refusal(kubeconfig({ token: "t" }, { "certificate-authority": "/etc/ca.pem" }))?.kubeconfig).toEqual({
      key: "kubeconfigClusterFile",
      values: { name: "prod", field: "certificate-authority" },
    });
    expect(refusal(kubeconfig({ token: "t" }, { "insecure-skip-tls-verify": true }))?.kubeconfig).toEqual({
      key: "kubeconfigInsecure",
      values: { name: "prod" },
    });
    expect(refusal(kubeconfig({ token: "t", "as-groups": ["system:masters"] }))?.kubeconfig).toEqual({
      key: "kubeconfigUnsupported",
      values: { name: "ci-bot", field: "as-groups" },
    });
  });

  it("names every offending entry, not only the first", () => {
    const text = JSON.stringify({
      clusters: [{ name: "prod", cluster: { server: "https://10.0.0.1:6443" } }],
      users: [
        { name: "good", user: { token: "t" } },
        { name: "plugin", user: { exec: { command: "true" } } },
        { name: "file", user: { tokenFile: "/var/run/secrets/token" } },
      ],
      contexts: [{ name: "prod", context: { cluster: "prod", user: "good" } }],
      "current-context": "prod",
    });
    expect(refusal(text)).toMatchObject({
      kubeconfig: { key: "kubeconfigPlugin", values: { name: "plugin" } },
      "kubeconfig.users.1.user.exec": { key: "kubeconfigPlugin" },
      "kubeconfig.users.2.user.tokenFile": { key: "kubeconfigUserFile", values: { name: "file" } },
    });
  });

  it("that is not readable, or has no current context with a server, keeps its earlier errors", () => {
    expect(refusal("this: is: not: a kubeconfig")).toEqual({ kubeconfig: { key: "kubeconfig" } });
    expect(refusal(JSON.stringify({ clusters: "none" }))?.kubeconfig).toEqual({ key: "kubeconfig" });
    expect(refusal(JSON.stringify({ clusters: [], users: [], contexts: [] }))).toEqual({
      kubeconfig: { key: "kubeconfigContext" },
    });
  });
});
