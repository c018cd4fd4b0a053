// lib/skus/spec.ts: one schema per kind, cross-field rules, and message keys (never English).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { imageReferenceProblem } from "@/lib/skus/image-reference";
import { parseSkuSpec, type SkuSpecInput, skuSpecSchema } from "@/lib/skus/spec";
import { SKU_TEMPLATES, templateById } from "@/lib/skus/templates";
import { SKU_VALIDATION_KEYS } from "@/lib/validation/field-errors";

const input = (id: string): SkuSpecInput => structuredClone(templateById(id)!.spec);
/** A spec as the edits below see it: they break it on purpose, with wrong types and unknown or missing fields. */
// biome-ignore lint/suspicious/noExplicitAny: an edit may do anything to the spec; the schema's answer is the test
type SpecUnderEdit = any;
/** A template's spec with one change made by `edit`. */
function edited(id: string, edit: (spec: SpecUnderEdit) => void): unknown {
  const spec = input(id);
  edit(spec);
  return spec;
}
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const fieldsOf = (value: unknown) => {
  const result = parseSkuSpec(value);
  return result.ok ? {} : result.fields;
};

describe("image references", () => {
  it.each([
    "ubuntu:24.04",
    "nvcr.io/nvidia/pytorch:25.01-py3",
    "localhost:5000/team/app:v1",
    `vllm/vllm-openai@sha256:${"a".repeat(64)}`,
    `quay.io/jupyter/base-notebook:2025-01-20@sha256:${"0".repeat(64)}`,
  ])("accepts %s", (reference) => {
    expect(imageReferenceProblem(reference)).toBeUndefined();
  });

  it.each([
    ["ubuntu", "imageTag"],
    ["registry:5000/team/app", "imageTag"],
    ["Ubuntu:24.04", "imageReference"],
    ["ubuntu:", "imageReference"],
    ["ubuntu:24.04 --rm", "imageReference"],
    ["ubuntu@sha256:abc", "imageReference"],
    ["-p", "imageReference"],
    [`a:${"x".repeat(600)}`, "imageReference"],
  ])("rejects %j with %s", (reference, key) => {
    expect(imageReferenceProblem(reference)).toBe(key);
  });
});

describe("skuSpecSchema", () => {
  it("fills defaults so stored specs are complete", () => {
    const result = parseSkuSpec(input("blank-app"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.spec.basics).toMatchObject({ description: "", tags: [] });
    expect(result.spec.container).toMatchObject({ env: [], volumes: [] });
    expect(result.spec).toMatchObject({
      placement: {},
      policies: {},
      access: { https: { path: "/", auth: "portal" } },
    });
    expect(result.spec.pricing).toMatchObject({ currency: "USD", orgOverrides: {} });
  });

  it("gives dev pods SSH access with a default user and models no access block", () => {
    const pod = parseSkuSpec(input("blank-dev-pod"));
    const model = parseSkuSpec(input("blank-model"));
    expect(pod.ok && pod.spec.kind === "dev-pod" && pod.spec.access).toEqual({ ssh: { user: "dev" } });
    expect(fieldsOf(edited("blank-model", (s) => (s.access = { ssh: {} })))).toEqual({
      access: { key: "unknownField" },
    });
    expect(model.ok).toBe(true);
  });

  it.each<[string, string, (spec: SpecUnderEdit) => void, Record<string, unknown>]>([
    ["a missing name", "blank-app", (s) => delete s.basics.name, { "basics.name": { key: "required" } }],
    ["an upper-case name", "blank-app", (s) => (s.basics.name = "My-App"), { "basics.name": { key: "slug" } }],
    [
      "a tag twice",
      "blank-app",
      (s) => (s.basics.tags = ["gpu", "llm", "gpu"]),
      { "basics.tags.2": { key: "duplicate" } },
    ],
    [
      "an icon outside the list",
      "blank-app",
      (s) => (s.basics.icon = "https://evil.example/x.svg"),
      { "basics.icon": { key: "choice" } },
    ],
    ["an unknown kind", "blank-app", (s) => (s.kind = "vm"), { kind: { key: "choice" } }],
    [
      "an unknown key",
      "blank-app",
      (s) => (s.container.privileged = true),
      { "container.privileged": { key: "unknownField" } },
    ],
    [
      "an untagged image",
      "blank-app",
      (s) => (s.container.image = "nginx"),
      { "container.image": { key: "imageTag" } },
    ],
    [
      "an app without a UI port",
      "blank-app",
      (s) => (s.container.ports[0].ui = false),
      { "container.ports": { key: "uiPortRequired" } },
    ],
    [
      "two UI ports",
      "blank-app",
      (s) => s.container.ports.push({ name: "admin", containerPort: 9090, ui: true }),
      { "container.ports": { key: "uiPortOnlyOne" } },
    ],
    [
      "a duplicate port",
      "blank-app",
      (s) => s.container.ports.push({ name: "again", containerPort: 8080 }),
      { "container.ports.1.containerPort": { key: "duplicate" } },
    ],
    [
      "sshd's port on a dev pod",
      "blank-dev-pod",
      (s) => (s.container.ports = [{ name: "web", containerPort: 2222 }]),
      {
        "container.ports.0": { key: "reservedPort", values: { port: 2222 } },
      },
    ],
    [
      "a bad port name",
      "blank-app",
      (s) => (s.container.ports[0].name = "a--b"),
      { "container.ports.0.name": { key: "portName" } },
    ],
    [
      "a duplicate variable",
      "blank-app",
      (s) =>
        (s.container.env = [
          { name: "A", value: "1" },
          { name: "A", value: "2" },
        ]),
      { "container.env.1.name": { key: "duplicate" } },
    ],
    [
      "a dotted variable name",
      "blank-app",
      (s) => (s.container.env = [{ name: "a.b" }]),
      { "container.env.0.name": { key: "envName" } },
    ],
    [
      "a persistent volume without a size",
      "blank-dev-pod",
      (s) => (s.container.volumes = [{ name: "home", mountPath: "/home/dev", source: "persistent" }]),
      { "compute.persistentGiB": { key: "persistentVolumeWithoutSize" } },
    ],
    [
      "a size without a volume",
      "blank-dev-pod",
      (s) => (s.compute.persistentGiB = 10),
      { "container.volumes": { key: "persistentSizeWithoutVolume" } },
    ],
    [
      "two persistent volumes",
      "dev-pod-small",
      (s) => s.container.volumes.push({ name: "more", mountPath: "/more", source: "persistent" }),
      { "container.volumes": { key: "onePersistentVolume" } },
    ],
    [
      "a reserved mount path",
      "blank-dev-pod",
      (s) => (s.container.volumes = [{ name: "shm", mountPath: "/dev/shm", source: "scratch" }]),
      { "container.volumes.0.mountPath": { key: "reservedPath" } },
    ],
    [
      "a relative mount path",
      "blank-dev-pod",
      (s) => (s.container.volumes = [{ name: "x", mountPath: "data", source: "scratch" }]),
      {
        "container.volumes.0.mountPath": { key: "mountPath" },
      },
    ],
    [
      "persistent storage on a model",
      "blank-model",
      (s) => (s.compute.persistentGiB = 10),
      { "compute.persistentGiB": { key: "notForModels" } },
    ],
    [
      "CPU below a tenth",
      "blank-app",
      (s) => (s.compute.cpu = 0.05),
      { "compute.cpu": { key: "tooSmall", values: { limit: 0.1 } } },
    ],
    [
      "CPU finer than millicores",
      "blank-app",
      (s) => (s.compute.cpu = 1.0005),
      { "compute.cpu": { key: "precision", values: { decimals: 3 } } },
    ],
    [
      "memory off the quarter-GiB grid",
      "blank-app",
      (s) => (s.compute.memoryGiB = 1.3),
      { "compute.memoryGiB": { key: "step", values: { step: 0.25 } } },
    ],
    [
      "a GPU count as text",
      "dev-pod-small",
      (s) => (s.compute.gpu.count = "2"),
      { "compute.gpu.count": { key: "number" } },
    ],
    [
      "a fractional GPU count",
      "dev-pod-small",
      (s) => (s.compute.gpu.count = 1.5),
      { "compute.gpu.count": { key: "integer" } },
    ],
    [
      "an unknown GPU mode",
      "dev-pod-small",
      (s) => (s.compute.gpu.mode = "vgpu"),
      { "compute.gpu.mode": { key: "choice" } },
    ],
    [
      "a bad MIG profile",
      "jupyterlab",
      (s) => (s.compute.gpu.profile = "1g10gb"),
      { "compute.gpu.profile": { key: "migProfile" } },
    ],
    [
      "a GPU model without a price",
      "dev-pod-small",
      (s) => (s.compute.gpu.model = "NVIDIA-B200"),
      {
        "compute.gpu.model": { key: "gpuModelNotPriced", values: { model: "NVIDIA-B200" } },
      },
    ],
    [
      "token prices on an app",
      "blank-app",
      (s) => (s.pricing = { basis: "tokens", perMillionInputTokens: 1, perMillionOutputTokens: 1 }),
      {
        "pricing.basis": { key: "choice" },
      },
    ],
    [
      "a price finer than a micro-unit",
      "blank-app",
      (s) => (s.pricing.perHour = 0.0000001),
      { "pricing.perHour": { key: "precision", values: { decimals: 6 } } },
    ],
    [
      "a negative price",
      "blank-app",
      (s) => (s.pricing.perHour = -1),
      { "pricing.perHour": { key: "tooSmall", values: { limit: 0 } } },
    ],
    [
      "a lower-case currency",
      "blank-app",
      (s) => (s.pricing.currency = "usd"),
      { "pricing.currency": { key: "currency" } },
    ],
    [
      "a bad org override",
      "blank-app",
      (s) => (s.pricing.orgOverrides = { org1: { perHour: "cheap" } }),
      {
        "pricing.orgOverrides.org1.perHour": { key: "number" },
      },
    ],
    [
      "an override of a field the basis lacks",
      "blank-app",
      (s) => (s.pricing.orgOverrides = { org1: { perVcpuHour: 1 } }),
      {
        "pricing.orgOverrides.org1.perVcpuHour": { key: "unknownField" },
      },
    ],
    [
      "a bad GPU price key",
      "dev-pod-small",
      (s) => (s.pricing.perGpuHourByModel["H100 80GB"] = 1),
      {
        "pricing.perGpuHourByModel.H100 80GB": { key: "invalid" },
      },
    ],
    [
      "more per user than per org",
      "blank-app",
      (s) => (s.policies = { maxPerUser: 5, maxPerOrg: 2 }),
      {
        "policies.maxPerUser": { key: "tooBig", values: { limit: 2 } },
      },
    ],
    [
      "max replicas below min",
      "vllm-model",
      (s) => (s.model.replicas = { min: 3, max: 2 }),
      {
        "model.replicas.max": { key: "tooSmall", values: { limit: 3 } },
      },
    ],
    [
      "a bad Hugging Face id",
      "vllm-model",
      (s) => (s.model.modelName = "not a model"),
      { "model.modelName": { key: "hfModelId" } },
    ],
    [
      "a bad runtime class",
      "blank-app",
      (s) => (s.placement = { runtimeClassName: "Kata_QEMU" }),
      { "placement.runtimeClassName": { key: "dnsName" } },
    ],
  ])("rejects %s", (_name, id, edit, expected) => {
    expect(fieldsOf(edited(id, edit))).toEqual(expected);
  });

  it("accepts a price of its own for a MIG slice, and a whole-GPU price for slices without one", () => {
    expect(parseSkuSpec(input("jupyterlab")).ok).toBe(true);
    const sliceOnlyOnGpu = edited("jupyterlab", (s) => (s.compute.gpu.profile = "3g.40gb"));
    expect(parseSkuSpec(sliceOnlyOnGpu).ok).toBe(true);
  });

  it("never lets __proto__ become a hidden field: refused in objects, dropped from records", () => {
    const text = JSON.stringify(input("openclaw")).replace(
      '"perHour":0.05',
      '"perHour":0.05,"orgOverrides":{"__proto__":{"acme":{"perHour":0}}}',
    );
    const result = parseSkuSpec(JSON.parse(text));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(Object.getPrototypeOf(result.spec.pricing.orgOverrides)).toBe(Object.prototype);
      expect((result.spec.pricing.orgOverrides as Record<string, unknown>).acme).toBeUndefined();
    }
    const topLevel = parseSkuSpec(
      JSON.parse(JSON.stringify(input("blank-app")).replace('{"kind":"app",', '{"kind":"app","__proto__":{"x":1},')),
    );
    expect(topLevel.ok).toBe(false);
    if (!topLevel.ok)
      expect(Object.getOwnPropertyDescriptor(topLevel.fields, "__proto__")?.value).toEqual({ key: "unknownField" });
  });

  it("fails on non-objects with a key", () => {
    expect(fieldsOf(null)).toEqual({ _: { key: "invalid" } });
    expect(fieldsOf("kind: app")).toEqual({ _: { key: "invalid" } });
  });

  // Random edits of every template: whatever zod reports must be a key the catalogs know, never its English.
  it("reports only known message keys, whatever the input", () => {
    const leaf = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.array(fc.string(), { maxLength: 2 }),
    );
    const paths = [
      "kind",
      "basics.name",
      "basics.icon",
      "basics.tags",
      "container.image",
      "container.ports",
      "container.env",
      "container.volumes",
      "compute.cpu",
      "compute.memoryGiB",
      "compute.gpu",
      "compute.gpu.mode",
      "compute.gpu.count",
      "compute.gpu.model",
      "placement.kaiQueue",
      "policies.idleStopMinutes",
      "pricing.basis",
      "pricing.perHour",
      "pricing.orgOverrides",
      "model.replicas",
      "access",
      "extra",
    ];
    const known = new Set<string>(SKU_VALIDATION_KEYS);
    fc.assert(
      fc.property(
        fc.constantFrom(...SKU_TEMPLATES.map((t) => t.id)),
        fc.array(fc.tuple(fc.constantFrom(...paths), leaf), { maxLength: 4 }),
        (id, edits) => {
          const spec: Record<string, unknown> = input(id);
          for (const [path, value] of edits) {
            const keys = path.split(".");
            const parent = keys
              .slice(0, -1)
              .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), spec);
            if (isObject(parent)) parent[keys.at(-1)!] = value;
          }
          const result = skuSpecSchema.safeParse(spec);
          for (const issue of result.success ? [] : result.error.issues)
            expect(known.has(issue.message), issue.message).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("validation keys", () => {
  it("every key the SKU core can return has a message in the source catalog", async () => {
    const { SKU_VALIDATION_KEYS } = await import("../../lib/validation/field-errors");
    const en = (await import("../../messages/en.json")).default as { validation: Record<string, string> };
    expect(SKU_VALIDATION_KEYS.filter((key) => !(key in en.validation))).toEqual([]);
  });
});
