import { z } from "zod";
import { errorKey, type FieldErrors, fieldErrorsOf, keyed } from "@/lib/validation/field-errors";
import { imageReferenceSchema } from "./image-reference";
import {
  absolutePath,
  currency,
  decimalBetween,
  dnsLabel,
  dnsSubdomain,
  envName,
  hfModelId,
  intBetween,
  labelValue,
  migProfile,
  optionalText,
  portName,
  price,
  servedModelName,
  skuDisplayName,
  skuGpuModel,
  skuId,
  skuSlug,
  unixUser,
  urlPath,
} from "./spec-fields";
import { checkSpecRules } from "./spec-rules";

/**
 * The spec of one SKU version: what an admin authors and users launch. One schema per kind, shared by the
 * form, the server action, the REST API and YAML import. Pure data: no ids of database rows except the
 * cluster a SKU is pinned to and the orgs that get a price override.
 */

const SKU_KINDS = ["dev-pod", "app", "model"] as const;
export type SkuKind = (typeof SKU_KINDS)[number];

/** Icons the catalog ships; a free URL would let an admin make every user's browser fetch from anywhere. */
export const SKU_ICONS = [
  "terminal",
  "code",
  "notebook",
  "flask",
  "brain",
  "sparkles",
  "message",
  "image",
  "audio",
  "video",
  "database",
  "chart",
  "box",
  "rocket",
  "server",
  "cpu",
  "gpu",
  "book",
  "wrench",
  "globe",
] as const;

/** A fixed list so the catalog's filters can be translated (a free text category could not). */
export const SKU_CATEGORIES = [
  "development",
  "notebooks",
  "training",
  "fine-tuning",
  "inference",
  "agents",
  "data",
  "visualization",
  "other",
] as const;

export const MODEL_ENGINES = ["vllm", "nim", "sglang", "dynamo"] as const;

export { SSHD_PORT } from "./spec-rules";

const strict = <T extends z.core.$ZodLooseShape>(shape: T) => z.strictObject(shape, keyed);

const basicsSchema = strict({
  name: skuSlug,
  displayName: skuDisplayName,
  description: optionalText(2000),
  icon: z.enum(SKU_ICONS, keyed),
  category: z.enum(SKU_CATEGORIES, keyed),
  tags: z.array(skuSlug, keyed).max(10).default([]),
});

const portSchema = strict({
  name: portName,
  containerPort: intBetween(1, 65_535),
  /** The port that serves the web UI: the HTTPS link of an app points at it. */
  ui: z.boolean(keyed).default(false),
});

const envVarSchema = strict({
  name: envName,
  /** Empty for a value each user must give at launch (an override then asks for it). */
  value: z.string(keyed).max(32_768).default(""),
  /**
   * Never sent to users' forms and redacted in diffs (here); storage must seal it and launches mount it
   * from a Secret.
   */
  secret: z.boolean(keyed).default(false),
});

const volumeSchema = strict({
  name: dnsLabel,
  mountPath: absolutePath,
  /** "persistent" mounts the volume of `compute.persistentGiB`; "scratch" is emptied at every restart. */
  source: z.enum(["persistent", "scratch"], keyed),
});

const containerSchema = strict({
  image: imageReferenceSchema,
  /** Replaces the image's ENTRYPOINT. */
  command: z.array(z.string(keyed).min(1).max(4096), keyed).min(1).max(64).optional(),
  /** Replaces the image's CMD. */
  args: z.array(z.string(keyed).max(4096), keyed).max(256).optional(),
  ports: z.array(portSchema, keyed).max(16).default([]),
  env: z.array(envVarSchema, keyed).max(128).default([]),
  volumes: z.array(volumeSchema, keyed).max(16).default([]),
});

export const gpuSchema = z.discriminatedUnion(
  "mode",
  [
    strict({ mode: z.literal("none", keyed) }),
    strict({ mode: z.literal("whole", keyed), model: skuGpuModel, count: intBetween(1, 16) }),
    strict({ mode: z.literal("mig", keyed), model: skuGpuModel, profile: migProfile, count: intBetween(1, 7) }),
    // Whole GPUs through a DRA ResourceClaim instead of the device plugin: the placement's "DRA or device
    // plugin" choice lives here, so the two can never disagree.
    strict({ mode: z.literal("dra", keyed), model: skuGpuModel, count: intBetween(1, 16) }),
  ],
  keyed,
);

const computeSchema = strict({
  gpu: gpuSchema,
  /** Cores, in millicores at the finest. */
  cpu: decimalBetween(0.1, 512, 3),
  /** Quarter GiB steps: fine enough for small pods, coarse enough to price exactly. */
  memoryGiB: z.number(keyed).min(0.25).max(8192).multipleOf(0.25),
  ephemeralGiB: intBetween(1, 65_536).optional(),
  /** Size of the volume that survives restarts; mounted by a "persistent" volume. */
  persistentGiB: intBetween(1, 65_536).optional(),
});

const placementSchema = strict({
  /** Pins the SKU to one registered cluster. */
  clusterId: skuId.optional(),
  /** Matched against the node label `portico.dev/node-pool`. */
  nodePool: labelValue.optional(),
  /** Schedules with the KAI Scheduler in this queue (default scheduler when absent). */
  kaiQueue: labelValue.optional(),
  /** Isolation runtime, e.g. "kata-qemu-nvidia-gpu". */
  runtimeClassName: dnsSubdomain.optional(),
});

const policiesSchema = strict({
  /** TTL: stopped after this many hours of running. */
  maxRuntimeHours: intBetween(1, 8760).optional(),
  idleStopMinutes: intBetween(5, 10_080).optional(),
  maxPerUser: intBetween(1, 1000).optional(),
  maxPerOrg: intBetween(1, 100_000).optional(),
});

const gpuPriceKey = z
  .string(keyed)
  .max(60)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*(:[1-8]g\.[0-9]{1,3}gb)?$/, errorKey("gpuModel"));
const flatPrice = { perHour: price };
const perDimensionPrice = {
  /** Keys: a GPU model, or "<model>:<MIG profile>" for a slice priced on its own (otherwise g/7 of the GPU). */
  perGpuHourByModel: z.record(gpuPriceKey, price, keyed).default({}),
  perVcpuHour: price,
  /** Per GiB of memory. */
  perGiBHour: price,
};
const tokenPrice = { perMillionInputTokens: price, perMillionOutputTokens: price };

/** Organization ids as the database makes them (cuids); zod itself drops a "__proto__" key from records. */
const orgIdKey = z
  .string(keyed)
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, errorKey("invalid"));

/** A basis, its prices, and per-org overrides of some of them (keyed by organization id). */
const pricingVariant = <B extends string, S extends z.core.$ZodLooseShape>(basis: B, prices: S) =>
  strict({
    basis: z.literal(basis, keyed),
    currency: currency.default("USD"),
    ...prices,
    orgOverrides: z.record(orgIdKey, strict(prices).partial(), keyed).default({}),
  });

const hourlyPricingVariants = [
  pricingVariant("flat", flatPrice),
  pricingVariant("perDimension", perDimensionPrice),
] as const;
const hourlyPricingSchema = z.discriminatedUnion("basis", [...hourlyPricingVariants], keyed);
const modelPricingSchema = z.discriminatedUnion(
  "basis",
  [...hourlyPricingVariants, pricingVariant("tokens", tokenPrice)],
  keyed,
);

const modelSchema = strict({
  engine: z.enum(MODEL_ENGINES, keyed),
  modelName: hfModelId,
  servedModelName,
  replicas: strict({ min: intBetween(1, 64), max: intBetween(1, 64) }),
});

const common = {
  basics: basicsSchema,
  container: containerSchema,
  compute: computeSchema,
  placement: placementSchema.prefault({}),
  policies: policiesSchema.prefault({}),
};

const devPodSpecSchema = strict({
  kind: z.literal("dev-pod", keyed),
  ...common,
  access: strict({ ssh: strict({ user: unixUser.default("dev") }) }).prefault({ ssh: {} }),
  pricing: hourlyPricingSchema,
}).superRefine(checkSpecRules);

const appSpecSchema = strict({
  kind: z.literal("app", keyed),
  ...common,
  access: strict({
    https: strict({
      path: urlPath.default("/"),
      /** "portal": only signed-in members reach the URL; "app": the app authenticates its users itself. */
      auth: z.enum(["portal", "app"], keyed).default("portal"),
    }),
  }).prefault({ https: {} }),
  pricing: hourlyPricingSchema,
}).superRefine(checkSpecRules);

/** Models are reached through the platform's gateway, never through their own URL: no access block. */
const modelSpecSchema = strict({
  kind: z.literal("model", keyed),
  ...common,
  model: modelSchema,
  pricing: modelPricingSchema,
}).superRefine(checkSpecRules);

export const skuSpecSchema = z.discriminatedUnion("kind", [devPodSpecSchema, appSpecSchema, modelSpecSchema], keyed);

export type SkuSpec = z.output<typeof skuSpecSchema>;
export type SkuSpecInput = z.input<typeof skuSpecSchema>;
export type SkuPricing = SkuSpec["pricing"];
export type GpuRequest = SkuSpec["compute"]["gpu"];

type SpecResult = { ok: true; spec: SkuSpec } | { ok: false; fields: FieldErrors };

export function parseSkuSpec(input: unknown): SpecResult {
  const result = skuSpecSchema.safeParse(input);
  return result.success ? { ok: true, spec: result.data } : { ok: false, fields: fieldErrorsOf(result.error) };
}
