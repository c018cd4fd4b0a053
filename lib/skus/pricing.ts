import { coerceValue } from "./override-bounds";
import type { SkuSpec } from "./spec";
import { isOverridablePath, type OverridablePath, type OverrideValue, withValues } from "./spec-paths";
import { gpuPriceKeys } from "./spec-rules";

/**
 * Prices in integer micro-units of the currency (1 USD = 1,000,000): specs hold decimals with at most six
 * places, converted once; every product is rounded once per line, in integers, so the breakdown always sums
 * to the total and the same inputs give the same price on every machine.
 */

export const MICROS_PER_UNIT = 1_000_000;

/** Exact for the prices the spec accepts (≤ 6 decimals, ≤ 10^6). */
export function toMicros(amount: number): number {
  return Math.round(amount * MICROS_PER_UNIT);
}

/** round(a × b / c), half away from zero, in BigInt: unit price × millicores overflows 2^53. */
export function mulDivRound(a: number, b: number, c: number): number {
  const [x, y, z] = [BigInt(a), BigInt(b), BigInt(c)];
  const product = x * y;
  const sign = product < 0n !== z < 0n ? -1n : 1n;
  const [p, d] = [product < 0n ? -product : product, z < 0n ? -z : z];
  return Number(sign * ((p + d / 2n) / d));
}

type PriceLine = {
  dimension: "flat" | "gpu" | "vcpu" | "memory";
  /** Per replica: GPUs (or MIG slices), cores, GiB; 1 for a flat price. */
  quantity: number;
  unitPriceMicros: number;
  amountMicros: number;
  gpuModel?: string;
  migProfile?: string;
};

export type SkuPrice = {
  currency: string;
  basis: SkuSpec["pricing"]["basis"];
  /** Per hour at the minimum scale (one instance; `replicas.min` for models). 0 for token-priced models. */
  amountMicros: number;
  /** Per hour at the maximum scale (`replicas.max` for models; the same as amountMicros otherwise). */
  maxAmountMicros: number;
  replicas: { min: number; max: number };
  /** Per instance or replica. */
  breakdown: PriceLine[];
  tokens?: { perMillionInputMicros: number; perMillionOutputMicros: number };
  /** Whether the org's negotiated prices were used. */
  orgOverride: boolean;
};

/** MIG slices without a price of their own cost their share of the GPU's compute: "3g.40gb" is 3/7. */
const MIG_SLICES_PER_GPU = 7;

type Pricing = SkuSpec["pricing"];

/** The spec's prices with the org's overrides laid over them (per GPU model for the GPU table). */
export function effectivePricing(pricing: Pricing, orgId?: string): { pricing: Pricing; overridden: boolean } {
  // Own keys only: "constructor" or "toString" are not organizations.
  const override =
    orgId !== undefined && Object.hasOwn(pricing.orgOverrides, orgId) ? pricing.orgOverrides[orgId] : undefined;
  if (!override || Object.keys(override).length === 0) return { pricing, overridden: false };
  const merged = { ...pricing, ...override } as Pricing;
  if (pricing.basis === "perDimension" && merged.basis === "perDimension") {
    merged.perGpuHourByModel = {
      ...pricing.perGpuHourByModel,
      ...("perGpuHourByModel" in override ? override.perGpuHourByModel : {}),
    };
  }
  return { pricing: merged, overridden: true };
}

function gpuLine(gpu: SkuSpec["compute"]["gpu"], table: Record<string, number>): PriceLine | undefined {
  if (gpu.mode === "none") return undefined;
  const [key] = gpuPriceKeys(gpu).filter((k) => k in table);
  if (key === undefined) throw new Error(`no price for GPU model ${gpu.model}: validate the spec first`);
  const unitPriceMicros = toMicros(table[key]!);
  const base = { dimension: "gpu" as const, quantity: gpu.count, gpuModel: gpu.model };
  if (gpu.mode !== "mig") return { ...base, unitPriceMicros, amountMicros: unitPriceMicros * gpu.count };
  const slicePriced = key.includes(":");
  const computeSlices = Number(gpu.profile.split("g")[0]);
  const sliceMicros = slicePriced ? unitPriceMicros : mulDivRound(unitPriceMicros, computeSlices, MIG_SLICES_PER_GPU);
  return { ...base, migProfile: gpu.profile, unitPriceMicros: sliceMicros, amountMicros: sliceMicros * gpu.count };
}

function hourlyLines(spec: SkuSpec, pricing: Pricing): PriceLine[] {
  if (pricing.basis === "flat") {
    const micros = toMicros(pricing.perHour);
    return [{ dimension: "flat", quantity: 1, unitPriceMicros: micros, amountMicros: micros }];
  }
  if (pricing.basis !== "perDimension") return [];
  const { cpu, memoryGiB, gpu } = spec.compute;
  const vcpuMicros = toMicros(pricing.perVcpuHour);
  const gibMicros = toMicros(pricing.perGiBHour);
  // CPU is priced in millicores and memory in thousandths of a GiB: both are whole numbers there.
  const lines: PriceLine[] = [
    {
      dimension: "vcpu",
      quantity: cpu,
      unitPriceMicros: vcpuMicros,
      amountMicros: mulDivRound(vcpuMicros, Math.round(cpu * 1000), 1000),
    },
    {
      dimension: "memory",
      quantity: memoryGiB,
      unitPriceMicros: gibMicros,
      amountMicros: mulDivRound(gibMicros, Math.round(memoryGiB * 1000), 1000),
    },
  ];
  const gpuPrice = gpuLine(gpu, pricing.perGpuHourByModel);
  return gpuPrice ? [gpuPrice, ...lines] : lines;
}

/** Applies launch values (already accepted by resolveLaunch) the way the launch will. */
function applyValues(spec: SkuSpec, values: Record<string, unknown>): SkuSpec {
  const entries: [OverridablePath, OverrideValue][] = [];
  for (const [path, raw] of Object.entries(values)) {
    if (!isOverridablePath(path)) throw new Error(`not an overridable field: ${path}`);
    const coerced = coerceValue(path, raw);
    if (!coerced.ok) throw new Error(`invalid value for ${path}: resolve the launch first`);
    entries.push([path, coerced.value]);
  }
  return withValues(spec, entries);
}

/**
 * The price per hour of a SKU with the chosen launch values, for an org (its override, if any, applies).
 * Models priced per token have no hourly amount; their token prices come back instead.
 */
export function hourlyPrice(spec: SkuSpec, resolvedValues: Record<string, unknown> = {}, orgId?: string): SkuPrice {
  const launched = applyValues(spec, resolvedValues);
  const { pricing, overridden } = effectivePricing(launched.pricing, orgId);
  const replicas = launched.kind === "model" ? launched.model.replicas : { min: 1, max: 1 };
  const breakdown = hourlyLines(launched, pricing);
  const perReplica = breakdown.reduce((sum, line) => sum + line.amountMicros, 0);
  const tokens =
    pricing.basis === "tokens"
      ? {
          perMillionInputMicros: toMicros(pricing.perMillionInputTokens),
          perMillionOutputMicros: toMicros(pricing.perMillionOutputTokens),
        }
      : undefined;
  return {
    currency: pricing.currency,
    basis: pricing.basis,
    amountMicros: perReplica * replicas.min,
    maxAmountMicros: perReplica * replicas.max,
    replicas: { ...replicas },
    breakdown,
    ...(tokens ? { tokens } : {}),
    orgOverride: overridden,
  };
}
