import { describe, expect, it } from "vitest";
import { exampleSpec, type WorkloadSpecInput, workloadSpecSchema } from "@/server/cluster/manifests/workload-spec";

function issuesOf(input: unknown): string[] {
  const result = workloadSpecSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

/** A spec as the changes below see it: they break it on purpose, with wrong types and unknown or missing fields. */
// biome-ignore lint/suspicious/noExplicitAny: a change may do anything to the spec; the schema's answer is the test
type SpecUnderChange = any;

function withChanges(kind: "dev-pod" | "app" | "model", change: (spec: SpecUnderChange) => void): unknown {
  const spec: SpecUnderChange = structuredClone(exampleSpec(kind));
  change(spec);
  return spec;
}

describe("WorkloadSpec schema", () => {
  it.each(["dev-pod", "app", "model"] as const)("accepts the %s example and fills defaults", (kind) => {
    const spec = exampleSpec(kind);
    expect(spec.kind).toBe(kind);
    expect(spec.placement.scheduler).toBe("default");
    expect(Array.isArray(spec.env)).toBe(true);
  });

  it.each([
    "vllm/vllm-openai:v0.11.0",
    "nvcr.io/nim/meta/llama-3.1-8b-instruct:1.3.3",
    "localhost:5000/team/app:dev",
    `ubuntu@sha256:${"a".repeat(64)}`,
    `registry.example.com/a/b:1.0@sha256:${"b".repeat(64)}`,
  ])("accepts image %s", (image) => {
    expect(issuesOf(withChanges("app", (s) => (s.image = image)))).toEqual([]);
  });

  it.each(["ubuntu", "Ubuntu:22.04", "ubuntu:", "ubuntu:22.04 ", "-bad/name:1", "a//b:1", "ubuntu@sha256:short"])(
    "rejects image %j",
    (image) => {
      expect(issuesOf(withChanges("app", (s) => (s.image = image)))[0]).toMatch(/^image:/);
    },
  );

  it("defaults the DRA device class to gpu.nvidia.com", () => {
    const spec = workloadSpecSchema.parse(
      withChanges("model", (s) => (s.compute.gpu = { mode: "dra", model: "NVIDIA-H100-80GB-HBM3", count: 2 })),
    );
    expect(spec.compute.gpu).toEqual({
      mode: "dra",
      model: "NVIDIA-H100-80GB-HBM3",
      count: 2,
      deviceClass: "gpu.nvidia.com",
    });
  });

  const rejections: [string, "dev-pod" | "app" | "model", (s: SpecUnderChange) => void, RegExp][] = [
    ["a dev pod without SSH", "dev-pod", (s) => delete s.access.ssh, /^access\.ssh/],
    [
      "SSH on an app",
      "app",
      (s) => (s.access.ssh = { authorizedKeys: exampleSpec("dev-pod").access.ssh!.authorizedKeys }),
      /^access\.ssh/,
    ],
    ["HTTPS on a model", "model", (s) => (s.access.https = { hostname: "a.example.com" }), /^access\.https/],
    ["a model without model settings", "model", (s) => delete s.model, /^model/],
    ["model settings on an app", "app", (s) => (s.model = exampleSpec("model").model), /^model/],
    ["KAI without a queue", "app", (s) => (s.placement = { scheduler: "kai" }), /kaiQueue/],
    ["a queue without KAI", "app", (s) => (s.placement = { scheduler: "default", kaiQueue: "q" }), /kaiQueue/],
    [
      "disaggregation outside Dynamo",
      "model",
      (s) => (s.model.disaggregated = { prefillWorkers: 1, decodeWorkers: 1, gpusPerWorker: 1 }),
      /disaggregated/,
    ],
    ["replicas.max < replicas.min", "model", (s) => (s.model.replicas = { min: 3, max: 2 }), /replicas\.max/],
    ["storage on a model", "model", (s) => (s.storage = { persistentGiB: 10, mountPath: "/data" }), /^storage/],
    [
      "an SSH key with a second line",
      "dev-pod",
      (s) => (s.access.ssh.authorizedKeys = [`${s.access.ssh.authorizedKeys[0]}\nssh-rsa AAAA evil`]),
      /authorizedKeys/,
    ],
    [
      "an SSH key with options",
      "dev-pod",
      (s) => (s.access.ssh.authorizedKeys = [`command="sh" ${s.access.ssh.authorizedKeys[0]}`]),
      /authorizedKeys/,
    ],
    ["duplicate port names", "app", (s) => s.ports.push({ name: "http", containerPort: 9000 }), /^ports/],
    ["the sshd port on a dev pod", "dev-pod", (s) => (s.ports = [{ name: "web", containerPort: 2222 }]), /^ports/],
    ["a reserved label key", "app", (s) => (s.labels = { "portico.dev/deployment": "x" }), /^labels/],
    ["sub-millicore CPU", "app", (s) => (s.compute.cpu = 0.0005), /^compute\.cpu/],
    ["an unknown GPU mode", "app", (s) => (s.compute.gpu = { mode: "vgpu", model: "x", count: 1 }), /^compute\.gpu/],
    [
      "a MIG profile the device plugin does not name",
      "app",
      (s) => (s.compute.gpu.profile = "1g.10gb+me"),
      /^compute\.gpu\.profile/,
    ],
    [
      "a GPU model that is not a label value",
      "model",
      (s) => (s.compute.gpu.model = "NVIDIA H100"),
      /^compute\.gpu\.model/,
    ],
    ["a relative mount path", "app", (s) => (s.storage.mountPath = "data"), /^storage\.mountPath/],
    ["a reserved mount path", "dev-pod", (s) => (s.storage.mountPath = "/dev/shm"), /^storage\.mountPath/],
    ["a non-cuid deployment id", "app", (s) => (s.deploymentId = "Deployment 1"), /^deploymentId/],
    ["an unknown field", "app", (s) => (s.replicas = 3), /replicas|Unrecognized/],
    [
      "duplicate env names",
      "app",
      (s) =>
        (s.env = [
          { name: "A", value: "1" },
          { name: "A", value: "2" },
        ]),
      /^env/,
    ],
    [
      "an env var with both a value and a secret",
      "app",
      (s) => (s.env = [{ name: "A", value: "1", secretRef: { name: "s", key: "k" } }]),
      /^env/,
    ],
  ];

  it.each(rejections)("rejects %s", (_label, kind, change, path) => {
    const issues = issuesOf(withChanges(kind, change));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.some((issue) => path.test(issue))).toBe(true);
  });

  it("types the input for callers that build specs", () => {
    const input: WorkloadSpecInput = {
      deploymentId: "cabcdefgh",
      name: "x",
      kind: "app",
      tenant: { orgSlug: "acme", projectSlug: "p1" },
      image: "nginx:1.27",
      compute: { cpu: 0.5, memoryGiB: 0.5, gpu: { mode: "none" } },
    };
    expect(workloadSpecSchema.parse(input).ports).toEqual([]);
  });
});
