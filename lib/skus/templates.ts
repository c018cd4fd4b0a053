import type { FieldErrors } from "@/lib/validation/field-errors";
import type en from "@/messages/en.json";
import { type DockerRunResult, parseDockerRun } from "./docker-run";
import type { SkuOverride } from "./overrides";
import { type SkuKind, type SkuSpec, type SkuSpecInput, skuSpecSchema } from "./spec";

/**
 * What a new SKU starts from. Template names shown in the picker are catalog messages
 * (`skuStudio.templates.<id>`, so ids are typed by the catalog); the display names inside the
 * specs are the author's to edit. Tests prove that every template's spec and overrides validate.
 */

export { parseDockerRun } from "./docker-run";

const H100 = "NVIDIA-H100-80GB-HBM3";
const A100 = "NVIDIA-A100-SXM4-80GB";
const L40S = "NVIDIA-L40S";

/** Example list prices (per hour, USD) for the GPU models of the default simulated cluster. */
const GPU_PRICING = {
  basis: "perDimension",
  perGpuHourByModel: { [H100]: 2.49, [A100]: 1.49, [`${A100}:1g.10gb`]: 0.25, [L40S]: 0.89 },
  perVcpuHour: 0.012,
  perGiBHour: 0.004,
} as const;

const GPU_MODEL_CHOICE: SkuOverride = { path: "compute.gpu.model", control: "choices", choices: [H100, A100, L40S] };

const basics = (name: string, displayName: string, icon: string, category: string, tags: string[] = []) =>
  ({
    name,
    displayName,
    icon,
    category,
    tags,
  }) as SkuSpecInput["basics"];

function devPod(size: "small" | "medium" | "large", cpu: number, memoryGiB: number, gpus: number): SkuTemplate {
  return {
    id: `dev-pod-${size}`,
    kind: "dev-pod",
    spec: {
      kind: "dev-pod",
      basics: basics(
        `dev-pod-${size}`,
        `Developer Pod ${size[0]!.toUpperCase()}${size.slice(1)}`,
        "terminal",
        "development",
        ["pytorch"],
      ),
      container: {
        image: "nvcr.io/nvidia/pytorch:25.01-py3",
        command: ["sleep", "infinity"],
        volumes: [{ name: "workspace", mountPath: "/workspace", source: "persistent" }],
      },
      compute: {
        gpu: { mode: "whole", model: H100, count: gpus },
        cpu,
        memoryGiB,
        ephemeralGiB: 50,
        persistentGiB: 100,
      },
      policies: { maxRuntimeHours: 24, idleStopMinutes: 120, maxPerUser: 2 },
      pricing: GPU_PRICING,
    },
    overrides: [
      GPU_MODEL_CHOICE,
      { path: "compute.persistentGiB", control: "range", min: 50, max: 1000, step: 50 },
      { path: "policies.maxRuntimeHours", control: "choices", choices: [8, 24, 72, 168] },
    ],
  };
}

const BLANKS: Record<SkuKind, SkuTemplate> = {
  "dev-pod": {
    id: "blank-dev-pod",
    kind: "dev-pod",
    spec: {
      kind: "dev-pod",
      basics: basics("new-dev-pod", "New Developer Pod", "terminal", "development"),
      container: { image: "ubuntu:24.04", command: ["sleep", "infinity"] },
      compute: { gpu: { mode: "none" }, cpu: 2, memoryGiB: 4 },
      pricing: { basis: "flat", perHour: 0 },
    },
    overrides: [],
  },
  app: {
    id: "blank-app",
    kind: "app",
    spec: {
      kind: "app",
      basics: basics("new-app", "New app", "box", "other"),
      container: {
        image: "nginxinc/nginx-unprivileged:1.27-alpine",
        ports: [{ name: "http", containerPort: 8080, ui: true }],
      },
      compute: { gpu: { mode: "none" }, cpu: 1, memoryGiB: 2 },
      pricing: { basis: "flat", perHour: 0 },
    },
    overrides: [],
  },
  model: {
    id: "blank-model",
    kind: "model",
    spec: {
      kind: "model",
      basics: basics("new-model", "New model", "brain", "inference"),
      container: { image: "vllm/vllm-openai:v0.11.0" },
      compute: { gpu: { mode: "whole", model: L40S, count: 1 }, cpu: 4, memoryGiB: 16, ephemeralGiB: 50 },
      model: {
        engine: "vllm",
        modelName: "Qwen/Qwen2.5-0.5B-Instruct",
        servedModelName: "qwen2.5-0.5b-instruct",
        replicas: { min: 1, max: 1 },
      },
      pricing: { basis: "tokens", perMillionInputTokens: 0, perMillionOutputTokens: 0 },
    },
    overrides: [],
  },
};

/** A template's id: its name in the picker is the catalog's `skuStudio.templates.<id>`. */
export type TemplateId = Exclude<keyof (typeof en)["skuStudio"]["templates"], typeof DOCKER_IMAGE_TEMPLATE>;

/** Not a template of its own: the picker's choice to start from an image or a `docker run` line. */
export const DOCKER_IMAGE_TEMPLATE = "docker-image";

export type SkuTemplate = { id: TemplateId; kind: SkuKind; spec: SkuSpecInput; overrides: SkuOverride[] };

export const SKU_TEMPLATES: readonly SkuTemplate[] = [
  BLANKS["dev-pod"],
  BLANKS.app,
  BLANKS.model,
  devPod("small", 4, 8, 1),
  devPod("medium", 8, 16, 2),
  devPod("large", 16, 32, 4),
  {
    id: "jupyterlab",
    kind: "app",
    spec: {
      kind: "app",
      basics: basics("jupyterlab", "JupyterLab", "notebook", "notebooks", ["python", "pytorch"]),
      container: {
        image: "quay.io/jupyter/pytorch-notebook:cuda12-2025-01-20",
        // The portal authenticates in front of the app, so Jupyter's own token is switched off.
        args: ["start-notebook.py", "--IdentityProvider.token="],
        ports: [{ name: "http", containerPort: 8888, ui: true }],
        volumes: [{ name: "work", mountPath: "/home/jovyan/work", source: "persistent" }],
      },
      compute: {
        gpu: { mode: "mig", model: A100, profile: "1g.10gb", count: 1 },
        cpu: 4,
        memoryGiB: 16,
        persistentGiB: 50,
      },
      access: { https: { path: "/lab", auth: "portal" } },
      policies: { idleStopMinutes: 60 },
      pricing: GPU_PRICING,
    },
    overrides: [
      { path: "compute.memoryGiB", control: "range", min: 8, max: 64, step: 8 },
      { path: "compute.persistentGiB", control: "range", min: 10, max: 500, step: 10 },
    ],
  },
  {
    id: "unsloth-studio",
    kind: "app",
    spec: {
      kind: "app",
      basics: basics("unsloth-studio", "Unsloth Studio", "sparkles", "fine-tuning", ["llm", "lora"]),
      container: {
        image: "unsloth/unsloth:studio",
        ports: [
          { name: "studio", containerPort: 8000, ui: true },
          { name: "jupyter", containerPort: 8888 },
        ],
        env: [{ name: "UNSLOTH_STUDIO_PASSWORD", value: "", secret: true }],
        volumes: [
          { name: "studio", mountPath: "/opt/unsloth-studio", source: "persistent" },
          { name: "hf-cache", mountPath: "/workspace/.cache/huggingface", source: "scratch" },
        ],
      },
      compute: {
        gpu: { mode: "whole", model: H100, count: 1 },
        cpu: 16,
        memoryGiB: 64,
        ephemeralGiB: 200,
        persistentGiB: 100,
      },
      pricing: GPU_PRICING,
    },
    overrides: [
      GPU_MODEL_CHOICE,
      // Several GPUs only where they are worth it: the count is offered with H100s alone.
      {
        path: "compute.gpu.count",
        control: "choices",
        choices: [1, 2, 4],
        condition: { field: "compute.gpu.model", equals: H100 },
      },
      {
        path: "env.UNSLOTH_STUDIO_PASSWORD",
        control: "pattern",
        pattern: ".{12,128}",
        patternMessageKey: "secretTooShort",
      },
    ],
  },
  {
    id: "openclaw",
    kind: "app",
    spec: {
      kind: "app",
      basics: basics("openclaw", "OpenClaw", "message", "agents", ["assistant"]),
      container: {
        image: "ghcr.io/openclaw/openclaw:2026.2.21",
        // The gateway binds to loopback by default; the Service needs it on the pod's network.
        args: ["node", "openclaw.mjs", "gateway", "--bind", "lan", "--port", "18789"],
        ports: [{ name: "gateway", containerPort: 18789, ui: true }],
        env: [{ name: "OPENCLAW_GATEWAY_TOKEN", value: "", secret: true }],
        volumes: [{ name: "config", mountPath: "/home/node/.openclaw", source: "persistent" }],
      },
      compute: { gpu: { mode: "none" }, cpu: 2, memoryGiB: 4, persistentGiB: 10 },
      pricing: { basis: "flat", perHour: 0.05 },
    },
    overrides: [
      {
        path: "env.OPENCLAW_GATEWAY_TOKEN",
        control: "pattern",
        pattern: ".{24,256}",
        patternMessageKey: "secretTooShort",
      },
    ],
  },
  {
    id: "vllm-model",
    kind: "model",
    spec: {
      kind: "model",
      basics: basics("qwen2-5-7b-instruct", "Qwen2.5 7B Instruct", "brain", "inference", ["vllm", "chat"]),
      container: { image: "vllm/vllm-openai:v0.11.0" },
      compute: { gpu: { mode: "whole", model: L40S, count: 1 }, cpu: 8, memoryGiB: 48, ephemeralGiB: 100 },
      model: {
        engine: "vllm",
        modelName: "Qwen/Qwen2.5-7B-Instruct",
        servedModelName: "qwen2.5-7b-instruct",
        replicas: { min: 1, max: 4 },
      },
      pricing: { basis: "tokens", perMillionInputTokens: 0.2, perMillionOutputTokens: 0.6 },
    },
    overrides: [{ path: "model.replicas.max", control: "range", min: 1, max: 8, step: 1 }],
  },
];

export function templateById(id: string): SkuTemplate | undefined {
  return SKU_TEMPLATES.find((template) => template.id === id);
}

/** A template's spec with every default filled in. */
export function templateSpec(template: SkuTemplate): SkuSpec {
  return skuSpecSchema.parse(structuredClone(template.spec));
}

/** New SKUs from pasted persistent volumes get this size until the author sets one. */
const DEFAULT_PERSISTENT_GIB = 50;

type DockerTemplateResult =
  | { ok: true; kind: SkuKind; spec: SkuSpecInput; ignored: string[] }
  | { ok: false; fields: FieldErrors };

/**
 * The "from a Docker image" template: the blank template of the kind (or the guessed one) with what the
 * pasted line says. Not validated: a GPU model, for one, is for the author to choose.
 */
export function specFromDockerRun(text: string, kind?: SkuKind): DockerTemplateResult {
  const parsed: DockerRunResult = parseDockerRun(text);
  if (!parsed.ok) return parsed;
  const chosen = kind ?? parsed.kind;
  const blank = structuredClone(BLANKS[chosen].spec);
  const { basics: named, container, compute } = parsed.spec;
  const persistent = container.volumes.some((v) => v.source === "persistent") && chosen !== "model";
  const spec = {
    ...blank,
    basics: { ...blank.basics, ...named },
    container,
    compute: { ...blank.compute, ...compute, ...(persistent ? { persistentGiB: DEFAULT_PERSISTENT_GIB } : {}) },
  } as SkuSpecInput;
  return { ok: true, kind: chosen, spec, ignored: parsed.ignored };
}
