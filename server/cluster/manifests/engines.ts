import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import type { ModelEngine, WorkloadSpec } from "./workload-spec";

type ServingEngine = Exclude<ModelEngine, "dynamo">;
type ModelSettings = NonNullable<WorkloadSpec["model"]>;

/** How one OpenAI-compatible engine is started, probed and scraped (facts: METRICS.md and the engines' docs). */
export interface EngineProfile {
  port: number;
  /** Undefined: keep the image's entrypoint (NIM images start their own server). */
  command?: string[];
  args(model: ModelSettings, tensorParallel: number): string[];
  env(model: ModelSettings): IEnvVar[];
  readyPath: string;
  livePath: string;
  metricsPath: string;
  /** Per-pod gauge of requests in flight: what the HPA averages when a target is set. */
  inflightMetric: string;
  /** Where the engine caches downloaded weights (an emptyDir sized by ephemeral storage). */
  cacheDir: string;
}

function tpArgs(flag: string, tensorParallel: number): string[] {
  return tensorParallel > 1 ? [flag, String(tensorParallel)] : [];
}

export const ENGINES: Record<ServingEngine, EngineProfile> = {
  vllm: {
    port: 8000,
    command: ["vllm", "serve"],
    args: (m, tp) => [
      m.modelName,
      "--served-model-name",
      m.servedModelName,
      "--host",
      "0.0.0.0",
      "--port",
      "8000",
      ...tpArgs("--tensor-parallel-size", tp),
    ],
    env: () => [],
    readyPath: "/health",
    livePath: "/health",
    metricsPath: "/metrics",
    inflightMetric: "vllm:num_requests_running",
    cacheDir: "/root/.cache/huggingface",
  },
  nim: {
    port: 8000,
    args: () => [],
    // The NIM image fixes the model; only the name clients use and the port are ours to set.
    env: (m) => [
      { name: "NIM_SERVED_MODEL_NAME", value: m.servedModelName },
      { name: "NIM_SERVER_PORT", value: "8000" },
      { name: "NIM_CACHE_PATH", value: "/opt/nim/.cache" },
    ],
    readyPath: "/v1/health/ready",
    livePath: "/v1/health/live",
    metricsPath: "/v1/metrics",
    inflightMetric: "num_requests_running",
    cacheDir: "/opt/nim/.cache",
  },
  sglang: {
    port: 30000,
    command: ["python3", "-m", "sglang.launch_server"],
    args: (m, tp) => [
      "--model-path",
      m.modelName,
      "--served-model-name",
      m.servedModelName,
      "--host",
      "0.0.0.0",
      "--port",
      "30000",
      "--enable-metrics",
      ...tpArgs("--tp", tp),
    ],
    env: () => [],
    readyPath: "/health",
    livePath: "/health",
    metricsPath: "/metrics",
    inflightMetric: "sglang:num_running_reqs",
    cacheDir: "/root/.cache/huggingface",
  },
};

/** Dynamo's frontend speaks OpenAI on 8000; the operator names its Service `<graph>-frontend`. */
export const DYNAMO_FRONTEND_PORT = 8000;

/**
 * Images the SKU Studio offers as defaults (the resolved spec always names its image). NIM has none:
 * each NIM image is built for one model (nvcr.io/nim/<publisher>/<model>:<version>).
 */
export const DEFAULT_ENGINE_IMAGES = {
  vllm: "vllm/vllm-openai:v0.11.0",
  sglang: "lmsysorg/sglang:v0.5.2",
  "dynamo-vllm": "nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.3.1",
  "dynamo-sglang": "nvcr.io/nvidia/ai-dynamo/sglang-runtime:1.3.1",
  "dynamo-trtllm": "nvcr.io/nvidia/ai-dynamo/tensorrtllm-runtime:1.3.1",
} as const;

/** GPUs one replica spans: the engine shards the model across them (tensor parallelism). */
export function tensorParallelSize(spec: WorkloadSpec): number {
  return spec.compute.gpu.mode === "none" ? 1 : spec.compute.gpu.count;
}
