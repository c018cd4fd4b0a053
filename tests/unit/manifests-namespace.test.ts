import { describe, expect, it } from "vitest";
import { buildProjectNamespace, validateManifests } from "@/server/cluster/manifests";

// biome-ignore lint/suspicious/noExplicitAny: assertions walk built objects of every kind by path; a wrong one fails
type Json = any;

const tenant = { orgSlug: "acme", projectSlug: "research" };

function byName(objects: Json[], name: string): Json {
  const found = objects.find((o) => o.metadata.name === name);
  expect(found, name).toBeDefined();
  return found;
}

describe("buildProjectNamespace", () => {
  const objects: Json[] = validateManifests(
    buildProjectNamespace({
      tenant,
      quota: {
        gpus: 8,
        migProfiles: { "1g.10gb": 14 },
        draDevices: { "gpu.nvidia.com": 4 },
        resourceClaims: 10,
        cpu: 64,
        memoryGiB: 512,
      },
    }),
  );

  it("builds the namespace first, labelled for the project and never for a deployment", () => {
    const [namespace] = objects;
    expect(namespace).toMatchObject({ kind: "Namespace", metadata: { name: "p-acme-research" } });
    expect(namespace.metadata.namespace).toBeUndefined();
    for (const object of objects) {
      expect(object.metadata.labels).toMatchObject({
        "app.kubernetes.io/managed-by": "portico",
        "portico.dev/org": "acme",
        "portico.dev/project": "research",
        "portico.dev/scope": "project",
      });
      expect(object.metadata.labels["portico.dev/deployment"]).toBeUndefined();
    }
  });

  it("quotas GPUs, MIG slices and DRA devices under their real resource names", () => {
    const quota = byName(objects, "portico-quota");
    expect(quota.spec.hard).toEqual({
      "count/resourceclaims.resource.k8s.io": "10",
      "gpu.nvidia.com.deviceclass.resource.k8s.io/devices": "4",
      "requests.cpu": "64",
      "requests.memory": "512Gi",
      "requests.nvidia.com/gpu": "8",
      "requests.nvidia.com/mig-1g.10gb": "14",
    });
    // Kubernetes only counts extended resources under "requests.": a limits.* entry would never bind.
    expect(Object.keys(quota.spec.hard).some((key) => key.startsWith("limits.nvidia.com"))).toBe(false);
  });

  it("defaults to no GPUs at all", () => {
    const quota = byName(buildProjectNamespace({ tenant }), "portico-quota");
    expect(quota.spec.hard).toEqual({ "requests.nvidia.com/gpu": "0" });
  });

  it("sets container defaults with a LimitRange", () => {
    expect(byName(objects, "portico-defaults").spec.limits).toEqual([
      { type: "Container", defaultRequest: { cpu: "250m", memory: "512Mi" }, default: { cpu: "1", memory: "2Gi" } },
    ]);
  });

  it("denies all traffic, then allows DNS, the project itself and the platform's ingress namespaces", () => {
    const deny = byName(objects, "portico-default-deny");
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    const dns = byName(objects, "portico-allow-dns").spec.egress[0];
    expect(dns.ports).toEqual([
      { protocol: "UDP", port: 53 },
      { protocol: "TCP", port: 53 },
    ]);
    expect(dns.to[0].namespaceSelector.matchExpressions[0]).toEqual({
      key: "kubernetes.io/metadata.name",
      operator: "In",
      values: ["kube-system"],
    });
    const ingress = byName(objects, "portico-allow-platform-ingress").spec;
    expect(ingress.policyTypes).toEqual(["Ingress"]);
    expect(ingress.ingress[0].from[0].namespaceSelector.matchExpressions[0].values).toEqual([
      "ingress-nginx",
      "sshpiper",
      "portico",
      "monitoring",
    ]);
    expect(objects.some((o) => o.metadata.name === "portico-allow-internet-egress")).toBe(false);
  });

  it("opens internet egress only on request, and never to private ranges or cloud metadata", () => {
    const open: Json[] = buildProjectNamespace({
      tenant,
      network: { internetEgress: true, egressTo: ["dynamo-system"] },
    });
    const internet = byName(open, "portico-allow-internet-egress").spec.egress[0].to[0].ipBlock;
    expect(internet.cidr).toBe("0.0.0.0/0");
    expect(internet.except).toEqual(expect.arrayContaining(["10.0.0.0/8", "169.254.0.0/16"]));
    expect(
      byName(open, "portico-allow-platform-egress").spec.egress[0].to[0].namespaceSelector.matchExpressions[0].values,
    ).toEqual(["dynamo-system"]);
    validateManifests(open);
  });

  it("rejects a MIG profile the device plugin would not name", () => {
    expect(() => buildProjectNamespace({ tenant, quota: { migProfiles: { "1g.10gb+me": 1 } } })).toThrow();
  });
});
