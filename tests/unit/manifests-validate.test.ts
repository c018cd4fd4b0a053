import { describe, expect, it } from "vitest";
import { buildManifests, buildProjectNamespace, exampleSpec, type KubernetesObject } from "@/server/cluster/manifests";
import { ManifestValidationError, SCHEMA_SOURCES, validateManifest } from "@/server/cluster/manifests/validate";

// biome-ignore lint/suspicious/noExplicitAny: the tests break built objects by path to see them rejected
type Json = any;

function builtObject(
  kind: string,
  spec = exampleSpec(kind === "Pipe" || kind === "StatefulSet" ? "dev-pod" : kind === "Ingress" ? "app" : "model"),
): Json {
  const found = buildManifests(spec).find((o) => o.kind === kind);
  if (!found) throw new Error(`no ${kind} in the example`);
  return structuredClone(found);
}

function dynamoGraph(): Json {
  const spec = exampleSpec("model");
  spec.model!.engine = "dynamo";
  return buildManifests(spec).find((o) => o.kind === "DynamoGraphDeployment");
}

function rejection(object: unknown): ManifestValidationError {
  try {
    validateManifest(object);
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestValidationError);
    return error as ManifestValidationError;
  }
  throw new Error("expected the validator to reject the object");
}

describe("validateManifest rejects broken objects, naming kind, name and path", () => {
  it("a Deployment without a selector (official schema: required)", () => {
    const deployment = builtObject("Deployment");
    delete deployment.spec.selector;
    const error = rejection(deployment);
    expect(error.kind).toBe("Deployment");
    expect(error.objectName).toBe(deployment.metadata.name);
    expect(error.path).toBe("/spec");
    expect(error.message).toMatch(/^Deployment ".+" at \/spec: .*selector/);
  });

  it("a wrongly typed field deep in a pod template", () => {
    const deployment = builtObject("Deployment");
    deployment.spec.template.spec.containers[0].ports[0].containerPort = "eight thousand";
    expect(rejection(deployment).path).toBe("/spec/template/spec/containers/0/ports/0/containerPort");
  });

  it("a resource amount that is not a quantity", () => {
    const statefulSet = builtObject("StatefulSet");
    statefulSet.spec.template.spec.containers[0].resources.limits["nvidia.com/gpu"] = "one";
    const error = rejection(statefulSet);
    expect(error.path).toBe("/spec/template/spec/containers/0/resources/limits/nvidia.com~1gpu");
    expect(error.reason).toContain('format "quantity"');
  });

  it("names that Kubernetes would refuse", () => {
    const service = builtObject("Service");
    service.metadata.name = "1-service";
    expect(rejection(service).reason).toMatch(/DNS-1035/);
    const deployment = builtObject("Deployment");
    deployment.metadata.name = "Upper_Case";
    expect(rejection(deployment).path).toBe("/metadata/name");
    const statefulSet = builtObject("StatefulSet");
    statefulSet.metadata.name = "s".repeat(53);
    expect(rejection(statefulSet).reason).toMatch(/52/);
  });

  it("a missing namespace, a bad label value, an unknown kind", () => {
    const secret = builtObject("Secret", exampleSpec("dev-pod"));
    delete secret.metadata.namespace;
    expect(rejection(secret).path).toBe("/metadata/namespace");
    const ingress = builtObject("Ingress");
    ingress.metadata.labels["portico.dev/org"] = "not a label value";
    expect(rejection(ingress).path).toBe("/metadata/labels");
    expect(rejection({ apiVersion: "v1", kind: "Nonsense", metadata: { name: "x" } }).reason).toMatch(/no schema/);
  });

  it("an HPA without its upper bound", () => {
    const hpa = builtObject("HorizontalPodAutoscaler");
    delete hpa.spec.maxReplicas;
    expect(rejection(hpa)).toMatchObject({ kind: "HorizontalPodAutoscaler", path: "/spec" });
  });

  it("a ResourceClaimTemplate without a device class", () => {
    const spec = exampleSpec("model");
    spec.compute.gpu = { mode: "dra", model: "NVIDIA-L40S", count: 1, deviceClass: "gpu.nvidia.com" };
    const template = builtObject("ResourceClaimTemplate", spec);
    delete template.spec.spec.devices.requests[0].exactly.deviceClassName;
    expect(rejection(template).path).toBe("/spec/spec/devices/requests/0/exactly");
  });

  it("a Pipe without an upstream host (reconstructed CRD)", () => {
    const pipe = builtObject("Pipe");
    delete pipe.spec.to.host;
    expect(rejection(pipe)).toMatchObject({ kind: "Pipe", path: "/spec/to" });
  });

  it("a DynamoGraphDeployment with an unknown backend or a GPU count as a number (reconstructed CRD)", () => {
    const backend = dynamoGraph();
    backend.spec.backendFramework = "tgi";
    expect(rejection(backend).path).toBe("/spec/backendFramework");
    const count = dynamoGraph();
    count.spec.services.Worker.resources.limits.gpu = 1;
    expect(rejection(count).path).toBe("/spec/services/Worker/resources/limits/gpu");
  });

  it("a DynamoGraphDeployment whose extraPodSpec breaks the official PodSpec schema", () => {
    const graph = dynamoGraph();
    graph.spec.services.Worker.extraPodSpec.tolerations = "all of them";
    expect(rejection(graph).path).toBe("/spec/services/Worker/extraPodSpec/tolerations");
    const container = dynamoGraph();
    container.spec.services.Worker.extraPodSpec.mainContainer.ports = [{ containerPort: "http" }];
    expect(rejection(container).path).toBe("/spec/services/Worker/extraPodSpec/mainContainer/ports/0/containerPort");
  });

  it("rejects every built object once its name is removed (so a pass means something)", () => {
    const dra = exampleSpec("app");
    dra.compute.gpu = { mode: "dra", model: "NVIDIA-L40S", count: 1, deviceClass: "gpu.nvidia.com" };
    const all: KubernetesObject[] = [
      ...buildManifests(exampleSpec("dev-pod")),
      ...buildManifests(exampleSpec("model")),
      ...buildManifests(dra),
      dynamoGraph(),
      ...buildProjectNamespace({ tenant: { orgSlug: "acme", projectSlug: "x" } }),
    ];
    const kinds = new Set(all.map((o) => `${o.apiVersion}/${o.kind}`));
    expect([...kinds].sort()).toEqual(Object.keys(SCHEMA_SOURCES).sort());
    for (const object of all) {
      expect(() => validateManifest(object)).not.toThrow();
      const nameless = structuredClone(object) as Json;
      delete nameless.metadata.name;
      expect(rejection(nameless).path).toBe("/metadata/name");
    }
  });
});

describe("schema sources", () => {
  it("uses official schemas for built-in kinds and the reconstructed CRDs for Pipe and DynamoGraphDeployment", () => {
    expect(SCHEMA_SOURCES["apps/v1/Deployment"]).toBe("official");
    expect(SCHEMA_SOURCES["resource.k8s.io/v1/ResourceClaimTemplate"]).toBe("official");
    expect(SCHEMA_SOURCES["sshpiper.com/v1beta1/Pipe"]).toBe("reconstructed-crd");
    expect(SCHEMA_SOURCES["nvidia.com/v1alpha1/DynamoGraphDeployment"]).toBe("reconstructed-crd");
  });
});
