import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildManifests,
  buildProjectNamespace,
  type KubernetesObject,
  validateManifest,
} from "@/server/cluster/manifests";
import { isDns1035Label, isDns1123Label, isDns1123Subdomain } from "@/server/cluster/manifests/names";
import { type WorkloadSpecInput, workloadSpecSchema } from "@/server/cluster/manifests/workload-spec";

// biome-ignore lint/suspicious/noExplicitAny: assertions walk built objects of every kind by path; a wrong one fails
type Json = any;

// ---- An arbitrary for any valid WorkloadSpec --------------------------------------------------------

const slug = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
const labelValue = fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?$/);
const subdomain = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?){0,2}$/);
const cuid = fc.stringMatching(/^c[a-z0-9]{24}$/);
/** Free user text: any Unicode, including what no Kubernetes name allows. */
const userText = fc.string({ unit: "binary", minLength: 1, maxLength: 90 });

const image = fc
  .tuple(
    fc.constantFrom("", "nvcr.io/", "localhost:5000/", "registry.example.com/team/"),
    fc.stringMatching(/^[a-z0-9]+([._-][a-z0-9]+){0,2}$/),
    fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}$/).map((tag) => `:${tag}`),
      fc.constant(`@sha256:${"ab".repeat(32)}`),
    ),
  )
  .map(([registry, name, ref]) => `${registry}${name}${ref}`);

const gpu = fc.oneof(
  fc.constant({ mode: "none" as const }),
  fc.record({ mode: fc.constant("whole" as const), model: labelValue, count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({
    mode: fc.constant("mig" as const),
    model: labelValue,
    profile: fc.constantFrom("1g.5gb", "1g.10gb", "2g.20gb", "3g.40gb", "7g.80gb"),
    count: fc.integer({ min: 1, max: 7 }),
  }),
  fc.record({
    mode: fc.constant("dra" as const),
    model: labelValue,
    count: fc.integer({ min: 1, max: 8 }),
    deviceClass: fc.option(subdomain, { nil: undefined }),
  }),
);

const compute = fc.record({
  cpu: fc.integer({ min: 1, max: 64_000 }).map((m) => m / 1000),
  memoryGiB: fc.integer({ min: 1, max: 2048 }).map((mib) => mib / 4),
  ephemeralGiB: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
  gpu,
});

const placement = fc.oneof(
  fc.record({
    scheduler: fc.constant("default" as const),
    nodePool: fc.option(labelValue, { nil: undefined }),
    runtimeClassName: fc.option(subdomain, { nil: undefined }),
  }),
  fc.record({
    scheduler: fc.constant("kai" as const),
    kaiQueue: labelValue,
    runtimeClassName: fc.option(fc.constant("kata-qemu-nvidia-gpu"), { nil: undefined }),
  }),
);

const env = fc.uniqueArray(
  fc.oneof(
    fc.record({ name: fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/), value: fc.string({ maxLength: 30 }) }),
    fc.record({
      name: fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/),
      secretRef: fc.record({ name: subdomain, key: fc.stringMatching(/^[a-z0-9._-]{1,12}$/) }),
    }),
  ),
  { maxLength: 4, selector: (e) => e.name },
);

const portName = fc.stringMatching(/^[a-z]([a-z0-9]{0,6})$/);
const ports = fc
  .uniqueArray(
    fc.record({ name: portName, containerPort: fc.integer({ min: 1024, max: 65_000 }).filter((p) => p !== 2222) }),
    {
      maxLength: 4,
      selector: (p) => p.name,
    },
  )
  .filter(
    (list) => new Set(list.map((p) => p.containerPort)).size === list.length && list.every((p) => p.name !== "ssh"),
  )
  .chain((list) =>
    fc.integer({ min: -1, max: list.length - 1 }).map((ui) => list.map((p, i) => (i === ui ? { ...p, ui: true } : p))),
  );

const storage = fc.option(
  fc.record({
    persistentGiB: fc.integer({ min: 1, max: 2000 }),
    mountPath: fc.constantFrom("/workspace", "/home/jovyan/work", "/data", "/mnt/disk 1"),
    storageClass: fc.option(subdomain, { nil: undefined }),
  }),
  { nil: undefined },
);

const sshKey = fc.stringMatching(/^[A-Za-z0-9+/]{20,60}$/).map((body) => `ssh-ed25519 ${body} user@host`);

const platformLabels = fc.dictionary(
  fc.constantFrom("portico.dev/sku", "portico.dev/sku-version", "example.com/team"),
  labelValue,
  { maxKeys: 3 },
);

/** Scratch volumes under /scratch, so they never meet the persistent volume's or a reserved mount path. */
const scratch = fc
  .uniqueArray(
    fc.record({
      name: fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/),
      mountPath: fc.stringMatching(/^\/scratch\/[a-z]{1,8}$/),
    }),
    { maxLength: 3, selector: (v) => v.name },
  )
  .filter((list) => new Set(list.map((v) => v.mountPath)).size === list.length);

const base = fc.record({
  deploymentId: cuid,
  scratch,
  name: userText,
  tenant: fc.record({ orgSlug: slug, projectSlug: slug }),
  image,
  env,
  compute,
  placement,
  labels: platformLabels,
  args: fc.option(fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }), { nil: undefined }),
});

const devPod = fc.record({ base, ports, storage, keys: fc.array(sshKey, { minLength: 1, maxLength: 3 }) }).map(
  ({ base, ports, storage, keys }): WorkloadSpecInput => ({
    ...base,
    kind: "dev-pod",
    ports,
    storage,
    access: { ssh: { authorizedKeys: keys } },
  }),
);

const app = fc
  .record({
    base,
    ports,
    storage,
    host: fc.option(
      subdomain.map((s) => `${s}.apps.example.com`),
      { nil: undefined },
    ),
  })
  .map(
    ({ base, ports, storage, host }): WorkloadSpecInput => ({
      ...base,
      kind: "app",
      ports,
      storage,
      access: host && ports.length > 0 ? { https: { hostname: host } } : {},
    }),
  );

const replicas = fc
  .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 8 }))
  .map(([min, extra]) => ({ min, max: min + extra }));

const model = fc
  .record({
    base,
    engine: fc.constantFrom("vllm", "nim", "sglang", "dynamo"),
    modelName: fc.constantFrom("meta-llama/Llama-3.1-8B-Instruct", "Qwen/Qwen3-0.6B", "gpt2"),
    servedModelName: fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,20}$/),
    replicas,
    target: fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }),
    backend: fc.constantFrom("vllm", "sglang", "trtllm"),
    split: fc.option(
      fc.record({
        prefillWorkers: fc.integer({ min: 1, max: 4 }),
        decodeWorkers: fc.integer({ min: 1, max: 4 }),
        gpusPerWorker: fc.integer({ min: 1, max: 4 }),
      }),
      {
        nil: undefined,
      },
    ),
  })
  .map(({ base, engine, modelName, servedModelName, replicas, target, backend, split }): WorkloadSpecInput => {
    const disaggregated = engine === "dynamo" && base.compute.gpu.mode !== "none" ? split : undefined;
    return {
      ...base,
      kind: "model",
      model: {
        engine,
        modelName,
        servedModelName,
        replicas,
        ...(target !== undefined && { targetInflightPerReplica: target }),
        dynamoBackend: backend,
        ...(disaggregated && { disaggregated }),
      },
    };
  });

const workloadSpec = fc.oneof(devPod, app, model).map((input) => workloadSpecSchema.parse(input));

// ---- Properties -------------------------------------------------------------------------------------

function podLabelSets(object: Json): Record<string, string>[] {
  if (object.kind === "Deployment" || object.kind === "StatefulSet") return [object.spec.template.metadata.labels];
  if (object.kind === "DynamoGraphDeployment")
    return Object.values<Json>(object.spec.services).map((s) => s.extraPodMetadata.labels);
  return [];
}

function checkNames(object: KubernetesObject): void {
  const { name, namespace } = object.metadata;
  expect(isDns1123Subdomain(name), `${object.kind} name ${name}`).toBe(true);
  if (object.kind === "Service") expect(isDns1035Label(name)).toBe(true);
  if (object.kind === "StatefulSet") expect(isDns1123Label(name) && name.length <= 52).toBe(true);
  if (object.kind === "DynamoGraphDeployment") expect(`${name}-frontend`.length).toBeLessThanOrEqual(63);
  expect(isDns1123Label(namespace ?? "")).toBe(true);
}

describe("any valid WorkloadSpec", () => {
  it("the arbitrary covers every kind, engine and GPU mode", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(workloadSpec, (spec) => {
        seen.add(spec.kind).add(`gpu:${spec.compute.gpu.mode}`).add(`engine:${spec.model?.engine}`);
      }),
      { numRuns: 300 },
    );
    for (const expected of [
      "dev-pod",
      "app",
      "model",
      "gpu:none",
      "gpu:whole",
      "gpu:mig",
      "gpu:dra",
      "engine:vllm",
      "engine:nim",
      "engine:sglang",
      "engine:dynamo",
    ]) {
      expect(seen).toContain(expected);
    }
  });

  it("builds manifests that all pass schema validation, with valid names and the deployment's labels", () => {
    fc.assert(
      fc.property(workloadSpec, (spec) => {
        const objects = buildManifests(spec);
        expect(objects.length).toBeGreaterThan(0);
        for (const object of objects) {
          validateManifest(object);
          checkNames(object);
          expect(object.metadata.labels["portico.dev/deployment"]).toBe(spec.deploymentId);
          expect(object.metadata.labels["app.kubernetes.io/managed-by"]).toBe("portico");
          // Pods inherit the id too, and each Service selects pods its deployment owns.
          for (const labels of podLabelSets(object)) expect(labels["portico.dev/deployment"]).toBe(spec.deploymentId);
        }
        for (const service of objects.filter((o) => o.kind === "Service") as Json[]) {
          const selected = objects
            .flatMap(podLabelSets)
            .some((labels) => Object.entries(service.spec.selector).every(([k, v]) => labels[k] === v));
          expect(selected, "service selects a pod template").toBe(true);
        }
      }),
      { numRuns: 250 },
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(workloadSpec, (spec) => {
        expect(buildManifests(structuredClone(spec))).toEqual(buildManifests(spec));
      }),
      { numRuns: 100 },
    );
  });

  it("gives two deployments in one project disjoint object names", () => {
    fc.assert(
      fc.property(workloadSpec, cuid, (spec, otherId) => {
        fc.pre(otherId !== spec.deploymentId);
        const names = (s: typeof spec) => buildManifests(s).map((o) => `${o.kind}/${o.metadata.name}`);
        const mine = new Set(names(spec));
        expect(names({ ...spec, deploymentId: otherId }).filter((n) => mine.has(n))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it("requests exactly the GPUs the spec asks for (plain workloads)", () => {
    fc.assert(
      fc.property(workloadSpec, (spec) => {
        fc.pre(
          spec.model?.engine !== "dynamo" && (spec.compute.gpu.mode === "whole" || spec.compute.gpu.mode === "mig"),
        );
        const gpu = spec.compute.gpu as { mode: "whole" | "mig"; count: number; profile?: string };
        const resource = gpu.mode === "whole" ? "nvidia.com/gpu" : `nvidia.com/mig-${gpu.profile}`;
        const workload = buildManifests(spec).find((o) => o.kind === "Deployment" || o.kind === "StatefulSet") as Json;
        expect(workload.spec.template.spec.containers[0].resources.limits[resource]).toBe(String(gpu.count));
      }),
      { numRuns: 100 },
    );
  });
});

describe("any project", () => {
  it("builds a valid namespace, quota, limit range and policies", () => {
    fc.assert(
      fc.property(
        slug,
        slug,
        fc.integer({ min: 0, max: 64 }),
        fc.dictionary(fc.constantFrom("1g.10gb", "2g.20gb", "3g.40gb"), fc.integer({ min: 0, max: 50 })),
        fc.boolean(),
        (orgSlug, projectSlug, gpus, migProfiles, internetEgress) => {
          for (const object of buildProjectNamespace({
            tenant: { orgSlug, projectSlug },
            quota: { gpus, migProfiles },
            network: { internetEgress },
          })) {
            validateManifest(object);
            expect(object.metadata.labels["portico.dev/deployment"]).toBeUndefined();
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
