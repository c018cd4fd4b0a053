import { z } from "zod";
import { imageReferenceProblem } from "@/lib/skus/image-reference";
import { SSHD_PORT } from "@/lib/skus/spec-rules";
import { DNS1123_LABEL, isDns1123Subdomain, isLabelValue, isQualifiedName } from "./names";

/**
 * The resolved, validated spec of one deployment: SKU defaults and the user's allowed overrides already
 * applied. Manifests are pure functions of this object. Messages are for operators and logs (this spec is
 * built by the server, never typed into a form).
 */

export const WORKLOAD_KINDS = ["dev-pod", "app", "model"] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** The port sshd takes inside dev pods: one constant with the SKU rules that keep users off it. */
export { SSHD_PORT } from "@/lib/skus/spec-rules";

/** Image references by the one rule the SKU schemas use too (a tag or digest is required). */
export const imageReferenceSchema = z.string().refine((ref) => imageReferenceProblem(ref) === undefined, {
  message: "image must be [registry/]name:tag or name@sha256:digest",
});

const slug = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, { message: "slug" })
  .max(40);
const labelValueSchema = z.string().refine(isLabelValue, { message: "label value" });
/** Prisma `cuid()`: lowercase alphanumerics starting with "c" (also a valid label value and DNS label). */
const cuid = z.string().regex(/^c[a-z0-9]{7,31}$/, { message: "cuid" });

/**
 * Whose workload it is. The project's id names its namespace (namespaceFor); specs stored before that
 * carry no id and keep the namespace their slugs gave them.
 */
export const tenantSchema = z.strictObject({ orgSlug: slug, projectSlug: slug, projectId: cuid.optional() });
const nonEmptyLabelValue = labelValueSchema.pipe(z.string().min(1));
const subdomain = z.string().refine(isDns1123Subdomain, { message: "DNS-1123 subdomain" });
const dnsLabelSchema = z.string().max(63).regex(DNS1123_LABEL, { message: "DNS-1123 label" });

/** IANA service name: what Kubernetes requires of port names (≤ 15, a letter, no "--"). */
const portName = z
  .string()
  .max(15)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/)
  .refine((name) => /[a-z]/.test(name) && !name.includes("--"), { message: "IANA service name" });

const envName = z
  .string()
  .max(256)
  .regex(/^[-._a-zA-Z][-._a-zA-Z0-9]*$/, { message: "environment variable name" });
const envVarSchema = z.union([
  z.strictObject({ name: envName, value: z.string().max(32_768) }),
  z.strictObject({
    name: envName,
    secretRef: z.strictObject({
      name: subdomain,
      key: z
        .string()
        .max(253)
        .regex(/^[-._a-zA-Z0-9]+$/),
    }),
  }),
]);

const portSchema = z.strictObject({
  name: portName,
  containerPort: z.number().int().min(1).max(65_535),
  ui: z.boolean().optional(),
});

/**
 * GPU model as the node label `nvidia.com/gpu.product` shows it (GPU Feature Discovery), e.g.
 * "NVIDIA-H100-80GB-HBM3".
 */
const gpuModel = nonEmptyLabelValue;
/** MIG profiles as the device plugin's mixed strategy names them: `nvidia.com/mig-<profile>`. */
export const MIG_PROFILE = /^[1-8]g\.[0-9]{1,3}gb$/;

export const gpuSchema = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("none") }),
  z.strictObject({ mode: z.literal("whole"), model: gpuModel, count: z.number().int().min(1).max(16) }),
  z.strictObject({
    mode: z.literal("mig"),
    model: gpuModel,
    profile: z.string().regex(MIG_PROFILE, { message: "MIG profile like 1g.10gb" }),
    count: z.number().int().min(1).max(7),
  }),
  z.strictObject({
    mode: z.literal("dra"),
    model: gpuModel,
    count: z.number().int().min(1).max(16),
    deviceClass: subdomain.default("gpu.nvidia.com"),
  }),
]);
export type GpuRequest = z.output<typeof gpuSchema>;

const computeSchema = z.strictObject({
  /** Cores; millicore precision. */
  cpu: z
    .number()
    .min(0.001)
    .max(512)
    .refine((n) => Math.abs(n * 1000 - Math.round(n * 1000)) < 1e-6, { message: "cpu in millicores" }),
  memoryGiB: z
    .number()
    .min(1 / 16)
    .max(8192),
  ephemeralGiB: z
    .number()
    .min(1 / 16)
    .max(65_536)
    .optional(),
  gpu: gpuSchema,
});

const absolutePath = z
  .string()
  .max(1024)
  .regex(/^\/[^\0:]*$/, { message: "absolute path without ':'" })
  .refine((path) => path !== "/" && !path.split("/").includes(".."), { message: "mount path" });

const storageSchema = z.strictObject({
  persistentGiB: z.number().int().min(1).max(65_536),
  mountPath: absolutePath,
  storageClass: subdomain.optional(),
});

/** Volumes emptied at every restart (an emptyDir each), next to the one persistent volume. */
const scratchSchema = z.array(z.strictObject({ name: dnsLabelSchema, mountPath: absolutePath })).max(16);

const placementSchema = z.strictObject({
  /** Matched against the node label `portico.dev/node-pool`. */
  nodePool: nonEmptyLabelValue.optional(),
  scheduler: z.enum(["default", "kai"]).default("default"),
  kaiQueue: nonEmptyLabelValue.optional(),
  runtimeClassName: subdomain.optional(),
});

const SSH_PUBLIC_KEY = new RegExp(
  String.raw`^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|` +
    String.raw`sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]+={0,3}( [^\r\n\0]{0,256})?$`,
);
/** One key per line with no options: a newline or an options prefix would smuggle extra authorized_keys lines. */
export const sshPublicKeySchema = z.string().max(16_384).regex(SSH_PUBLIC_KEY, { message: "OpenSSH public key" });

const hostname = subdomain.refine((host) => host.includes(".") && host.length <= 253, {
  message: "fully qualified hostname",
});

const accessSchema = z.strictObject({
  https: z
    .strictObject({
      hostname,
      /** Defaults to `<workload>-tls`; a cert-manager ClusterIssuer fills it when `clusterIssuer` is set. */
      tlsSecretName: subdomain.optional(),
      clusterIssuer: subdomain.optional(),
    })
    .optional(),
  ssh: z
    .strictObject({
      authorizedKeys: z.array(sshPublicKeySchema).min(1).max(32),
      /** The SSH gateway's upstream public key, so sshpiper can log in to the pod on the user's behalf. */
      gatewayPublicKey: sshPublicKeySchema.optional(),
    })
    .optional(),
});

const HF_MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,95})?$/;

export const MODEL_ENGINES = ["vllm", "nim", "sglang", "dynamo"] as const;
export type ModelEngine = (typeof MODEL_ENGINES)[number];

const modelSchema = z.strictObject({
  engine: z.enum(MODEL_ENGINES),
  /** Hugging Face id, e.g. "meta-llama/Llama-3.1-8B-Instruct". */
  modelName: z.string().regex(HF_MODEL_ID, { message: "Hugging Face model id" }),
  /** The `model` clients send; what the gateway routes on. */
  servedModelName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/, { message: "served model name" }),
  replicas: z
    .strictObject({ min: z.number().int().min(1).max(64), max: z.number().int().min(1).max(64) })
    .refine((r) => r.max >= r.min, { message: "replicas.max must be ≥ replicas.min", path: ["max"] }),
  /** Scale out when the average running requests per replica exceed this (HPA on the engine's gauge). */
  targetInflightPerReplica: z.number().int().min(1).max(10_000).optional(),
  /** Which engine runs inside Dynamo's workers. */
  dynamoBackend: z.enum(["vllm", "sglang", "trtllm"]).default("vllm"),
  disaggregated: z
    .strictObject({
      prefillWorkers: z.number().int().min(1).max(32),
      decodeWorkers: z.number().int().min(1).max(32),
      gpusPerWorker: z.number().int().min(1).max(16),
    })
    .optional(),
});

/** Identity labels the builders set themselves; the platform's extra labels may not override them. */
const RESERVED_LABEL_KEYS = [
  "app.kubernetes.io/managed-by",
  "portico.dev/deployment",
  "portico.dev/org",
  "portico.dev/project",
  "portico.dev/component",
  "kai.scheduler/queue",
] as const;

const labelsSchema = z
  .record(z.string().refine(isQualifiedName, { message: "label key" }), labelValueSchema)
  .refine((labels) => Object.keys(labels).length <= 32, { message: "at most 32 labels" })
  .refine((labels) => RESERVED_LABEL_KEYS.every((key) => !(key in labels)), { message: "reserved label key" });

const baseSchema = z.strictObject({
  deploymentId: cuid,
  name: z.string().min(1).max(200),
  kind: z.enum(WORKLOAD_KINDS),
  tenant: tenantSchema,
  image: imageReferenceSchema,
  command: z.array(z.string().min(1).max(4096)).min(1).max(64).optional(),
  args: z.array(z.string().max(4096)).max(256).optional(),
  env: z.array(envVarSchema).max(128).default([]),
  ports: z.array(portSchema).max(16).default([]),
  compute: computeSchema,
  storage: storageSchema.optional(),
  scratch: scratchSchema.default([]),
  placement: placementSchema.default({ scheduler: "default" }),
  access: accessSchema.default({}),
  model: modelSchema.optional(),
  labels: labelsSchema.default({}),
});

type Draft = z.output<typeof baseSchema>;

function unique<T>(values: T[]): boolean {
  return new Set(values).size === values.length;
}

/** Rules that span fields; each failure names the field it is about. */
function checkCrossFieldRules(spec: Draft, ctx: z.RefinementCtx): void {
  const fail = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const { kind, model, access, placement, ports, storage, compute } = spec;

  if ((kind === "model") !== (model !== undefined))
    fail(["model"], 'model settings are required for, and only for, kind "model"');
  if (kind === "dev-pod" && !access.ssh) fail(["access", "ssh"], "a dev pod needs SSH access");
  if (kind !== "dev-pod" && access.ssh) fail(["access", "ssh"], "SSH access is for dev pods only");
  if (kind !== "app" && access.https)
    fail(["access", "https"], "HTTPS ingress is for apps only (models are served through the gateway)");
  if (access.https && ports.length === 0) fail(["ports"], "an app exposed over HTTPS needs a port");
  if (ports.filter((p) => p.ui).length > 1) fail(["ports"], "at most one UI port");
  if (!unique(ports.map((p) => p.name))) fail(["ports"], "port names must be unique");
  if (!unique(ports.map((p) => p.containerPort))) fail(["ports"], "container ports must be unique");
  if (kind === "dev-pod" && ports.some((p) => p.containerPort === SSHD_PORT || p.name === "ssh")) {
    fail(["ports"], `port ${SSHD_PORT} and the name "ssh" are reserved for sshd`);
  }
  if (!unique(spec.env.map((e) => e.name))) fail(["env"], "environment variable names must be unique");
  if (!unique(spec.scratch.map((v) => v.name))) fail(["scratch"], "scratch volume names must be unique");
  const mountPaths = [...spec.scratch.map((v) => v.mountPath), ...(storage ? [storage.mountPath] : [])];
  if (!unique(mountPaths)) fail(["scratch"], "mount paths must be unique");
  if ((placement.scheduler === "kai") !== (placement.kaiQueue !== undefined)) {
    fail(["placement", "kaiQueue"], "a KAI queue is required with, and only with, the KAI scheduler");
  }
  if (storage && kind === "model")
    fail(["storage"], "model servers keep their cache on ephemeral storage (replicas cannot share a volume)");
  if (
    storage &&
    ["/dev/shm", "/etc/portico"].some((p) => storage.mountPath === p || storage.mountPath.startsWith(`${p}/`))
  ) {
    fail(["storage", "mountPath"], "mount path is reserved");
  }
  if (model?.disaggregated && model.engine !== "dynamo")
    fail(["model", "disaggregated"], "disaggregated serving needs the Dynamo engine");
  if (model?.disaggregated && compute.gpu.mode === "none") fail(["compute", "gpu"], "disaggregated workers need GPUs");
}

export const workloadSpecSchema = baseSchema.superRefine(checkCrossFieldRules);

export type WorkloadSpec = z.output<typeof workloadSpecSchema>;
export type WorkloadSpecInput = z.input<typeof workloadSpecSchema>;

export function parseWorkloadSpec(input: unknown): WorkloadSpec {
  return workloadSpecSchema.parse(input);
}

const EXAMPLE_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForExamplesOnly0123456789abcdefABCD alice@example.com";

const EXAMPLES: Record<WorkloadKind, WorkloadSpecInput> = {
  "dev-pod": {
    deploymentId: "cm1devpod0000example00001",
    name: "Alice's PyTorch box",
    kind: "dev-pod",
    tenant: { orgSlug: "acme", projectSlug: "research" },
    image: "nvcr.io/nvidia/pytorch:25.01-py3",
    compute: {
      cpu: 8,
      memoryGiB: 64,
      ephemeralGiB: 50,
      gpu: { mode: "whole", model: "NVIDIA-H100-80GB-HBM3", count: 1 },
    },
    storage: { persistentGiB: 200, mountPath: "/workspace" },
    access: { ssh: { authorizedKeys: [EXAMPLE_KEY] } },
  },
  app: {
    deploymentId: "cm1jupyter000example00001",
    name: "Jupyter",
    kind: "app",
    tenant: { orgSlug: "acme", projectSlug: "research" },
    image: "quay.io/jupyter/pytorch-notebook:cuda12-2025-01-20",
    args: ["start-notebook.py", "--IdentityProvider.token=''"],
    ports: [{ name: "http", containerPort: 8888, ui: true }],
    compute: {
      cpu: 4,
      memoryGiB: 16,
      gpu: { mode: "mig", model: "NVIDIA-A100-SXM4-80GB", profile: "1g.10gb", count: 1 },
    },
    storage: { persistentGiB: 50, mountPath: "/home/jovyan/work" },
    access: { https: { hostname: "jupyter-cm1jupyter.apps.example.com" } },
  },
  model: {
    deploymentId: "cm1llama00000example00001",
    name: "Llama 3.1 8B",
    kind: "model",
    tenant: { orgSlug: "acme", projectSlug: "prod" },
    image: "vllm/vllm-openai:v0.11.0",
    env: [{ name: "HF_TOKEN", secretRef: { name: "hf-token", key: "token" } }],
    compute: { cpu: 8, memoryGiB: 48, ephemeralGiB: 100, gpu: { mode: "whole", model: "NVIDIA-L40S", count: 1 } },
    model: {
      engine: "vllm",
      modelName: "meta-llama/Llama-3.1-8B-Instruct",
      servedModelName: "llama-3.1-8b",
      replicas: { min: 1, max: 4 },
      targetInflightPerReplica: 16,
    },
  },
};

/** A valid, realistic spec per kind, for tests, docs and the SKU Studio's previews. */
export function exampleSpec(kind: WorkloadKind): WorkloadSpec {
  return parseWorkloadSpec(structuredClone(EXAMPLES[kind]));
}
