// Any valid SKU spec, launched, yields manifests that pass the Kubernetes (and CRD) schemas.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSkuSpec, type SkuSpec } from "@/lib/skus/spec";
import { SKU_TEMPLATES, templateSpec } from "@/lib/skus/templates";
import { buildEnvSecret, buildManifests, validateManifest, validateManifests } from "@/server/cluster/manifests";
import { workloadFromSku } from "@/server/services/deployments/workload-from-sku";

const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTestsOnly0123456789abcdefABCDEFGHIJ test@example.com";
const label = fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,14}[A-Za-z0-9])?$/);
const dnsLabel = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
const mountPath = fc
  .stringMatching(/^\/[a-z]{1,8}(\/[a-z0-9_-]{1,8}){0,2}$/)
  .filter((p) => !p.startsWith("/dev") && !p.startsWith("/etc"));

const gpu = fc.oneof(
  fc.constant({ mode: "none" as const }),
  fc.record({ mode: fc.constant("whole" as const), model: label, count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({
    mode: fc.constant("mig" as const),
    model: label,
    profile: fc.constantFrom("1g.10gb", "2g.20gb", "3g.40gb", "7g.80gb"),
    count: fc.integer({ min: 1, max: 7 }),
  }),
  fc.record({ mode: fc.constant("dra" as const), model: label, count: fc.integer({ min: 1, max: 8 }) }),
);

const changes = fc.record({
  template: fc.constantFrom(...SKU_TEMPLATES),
  gpu,
  cpuMillis: fc.integer({ min: 100, max: 64_000 }),
  memoryQuarters: fc.integer({ min: 1, max: 4096 }),
  ephemeralGiB: fc.option(fc.integer({ min: 1, max: 2000 }), { nil: undefined }),
  persistent: fc.option(fc.record({ size: fc.integer({ min: 1, max: 4000 }), mountPath }), { nil: undefined }),
  scratch: fc.uniqueArray(fc.record({ name: dnsLabel, mountPath }), { maxLength: 3, selector: (v) => v.name }),
  env: fc.uniqueArray(
    fc.record({
      name: fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,12}$/),
      value: fc.string({ maxLength: 40 }),
      secret: fc.boolean(),
    }),
    { maxLength: 4, selector: (v) => v.name },
  ),
  placement: fc.record({
    nodePool: fc.option(label, { nil: undefined }),
    kaiQueue: fc.option(label, { nil: undefined }),
    runtimeClassName: fc.option(fc.constantFrom("kata-qemu-nvidia-gpu", "nvidia"), { nil: undefined }),
  }),
  name: fc.string({ unit: "binary", minLength: 1, maxLength: 60 }),
});

type Changes = typeof changes extends fc.Arbitrary<infer T> ? T : never;

/** A template's spec with the generated changes, if the SKU schema accepts it (most do). */
function specOf(c: Changes): SkuSpec | undefined {
  const spec = structuredClone(templateSpec(c.template)) as SkuSpec;
  spec.compute = {
    ...spec.compute,
    gpu: c.gpu,
    cpu: c.cpuMillis / 1000,
    memoryGiB: c.memoryQuarters / 4,
    ephemeralGiB: c.ephemeralGiB,
    persistentGiB: undefined,
  };
  const volumes = c.scratch.map((v) => ({ ...v, source: "scratch" as const }));
  if (c.persistent && spec.kind !== "model") {
    spec.compute.persistentGiB = c.persistent.size;
    volumes.push({ name: "data", mountPath: c.persistent.mountPath, source: "persistent" as never });
  }
  spec.container = { ...spec.container, volumes, env: c.env };
  spec.placement = { ...c.placement };
  if (spec.pricing.basis === "perDimension" && c.gpu.mode !== "none")
    spec.pricing.perGpuHourByModel = { [c.gpu.model]: 1 };
  const parsed = parseSkuSpec(JSON.parse(JSON.stringify(spec)));
  return parsed.ok ? parsed.spec : undefined;
}

describe("a SKU spec becomes a deployment", () => {
  it("every template, at its defaults, yields valid manifests", () => {
    for (const template of SKU_TEMPLATES) {
      const { spec } = workloadFromSku(templateSpec(template), {
        deploymentId: "c0123456789abcdefabcdef01",
        name: template.id,
        tenant: { orgSlug: "acme", projectSlug: "research", projectId: "cproject00000000000000001" },
        appsDomain: "apps.example.com",
        authorizedKeys: [SSH_KEY],
      });
      expect(() => validateManifests(buildManifests(spec)), template.id).not.toThrow();
    }
  });

  it("any valid SKU spec yields manifests that pass schema validation, secrets kept out of the spec", () => {
    let accepted = 0;
    fc.assert(
      fc.property(changes, (c) => {
        const sku = specOf(c);
        fc.pre(sku !== undefined);
        accepted += 1;
        const { spec, secretEnv } = workloadFromSku(sku!, {
          deploymentId: "c0123456789abcdefabcdef01",
          name: c.name,
          tenant: { orgSlug: "acme", projectSlug: "research", projectId: "cproject00000000000000001" },
          appsDomain: "apps.example.com",
          authorizedKeys: [SSH_KEY],
        });
        validateManifests(buildManifests(spec));
        const secrets = sku!.container.env.filter((e) => e.secret);
        expect(Object.keys(secretEnv).sort()).toEqual(secrets.map((e) => e.name).sort());
        for (const variable of spec.env)
          expect("value" in variable && secrets.some((s) => s.name === variable.name)).toBe(false);
        if (secrets.length > 0) validateManifest(buildEnvSecret(spec, secretEnv));
      }),
      { numRuns: 300 },
    );
    // The generator must mostly make valid SKUs, or this property would prove little.
    expect(accepted).toBeGreaterThan(150);
  });
});
