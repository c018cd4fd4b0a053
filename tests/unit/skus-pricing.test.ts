// lib/skus/pricing.ts: hourly prices in integer micro-units, per dimension, per org, and token prices.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hourlyPrice, mulDivRound, toMicros } from "@/lib/skus/pricing";
import { skuSpecOf } from "../builders/sku-specs";

const H100 = "NVIDIA-H100-80GB-HBM3";
const A100 = "NVIDIA-A100-SXM4-80GB";

describe("integer arithmetic", () => {
  it("converts prices to micro-units exactly", () => {
    expect([0.1, 0.2, 2.49, 0.000001, 999_999.999999, 0].map(toMicros)).toEqual([
      100_000, 200_000, 2_490_000, 1, 999_999_999_999, 0,
    ]);
  });

  it("rounds a product once, half away from zero, without overflowing 2^53", () => {
    expect(mulDivRound(1, 1, 2)).toBe(1);
    expect(mulDivRound(1, 1, 3)).toBe(0);
    expect(mulDivRound(-1, 1, 2)).toBe(-1);
    expect(mulDivRound(2_490_000, 3, 7)).toBe(1_067_143); // 1,067,142.857…
    expect(mulDivRound(999_999_999_999, 512_000, 1000)).toBe(511_999_999_999_488);
  });

  it("agrees with exact rational arithmetic (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        (a, b, c) => {
          const exact = (BigInt(a) * BigInt(b) * 2n + BigInt(c)) / (2n * BigInt(c));
          expect(mulDivRound(a, b, c)).toBe(Number(exact));
        },
      ),
    );
  });
});

describe("hourlyPrice", () => {
  it("prices a flat SKU", () => {
    expect(hourlyPrice(skuSpecOf("openclaw"))).toEqual({
      currency: "USD",
      basis: "flat",
      amountMicros: 50_000,
      maxAmountMicros: 50_000,
      replicas: { min: 1, max: 1 },
      breakdown: [{ dimension: "flat", quantity: 1, unitPriceMicros: 50_000, amountMicros: 50_000 }],
      orgOverride: false,
    });
  });

  it("prices per dimension: GPUs by model, vCPUs and GiB", () => {
    // Developer Pod Small: 1 H100 at 2.49, 4 vCPU at 0.012, 8 GiB at 0.004.
    const price = hourlyPrice(skuSpecOf("dev-pod-small"));
    expect(price.breakdown).toEqual([
      { dimension: "gpu", quantity: 1, gpuModel: H100, unitPriceMicros: 2_490_000, amountMicros: 2_490_000 },
      { dimension: "vcpu", quantity: 4, unitPriceMicros: 12_000, amountMicros: 48_000 },
      { dimension: "memory", quantity: 8, unitPriceMicros: 4_000, amountMicros: 32_000 },
    ]);
    expect(price.amountMicros).toBe(2_570_000);
  });

  it("applies the user's launch values, as form strings or numbers", () => {
    const pod = skuSpecOf("dev-pod-small");
    const price = hourlyPrice(pod, {
      "compute.gpu.model": A100,
      "compute.gpu.count": "2",
      "compute.cpu": 6,
      "compute.memoryGiB": "12.5",
    });
    expect(price.breakdown.map((line) => line.amountMicros)).toEqual([2 * 1_490_000, 72_000, 50_000]);
    expect(price.amountMicros).toBe(3_102_000);
    expect(pod.compute.gpu).toMatchObject({ model: H100, count: 1 }); // the SKU itself is untouched
  });

  it("rounds fractional quantities once per line, so the lines sum to the total", () => {
    const tiny = skuSpecOf("blank-app", (s) => {
      s.compute = { gpu: { mode: "none" }, cpu: 0.333, memoryGiB: 0.75 };
      s.pricing = { basis: "perDimension", perVcpuHour: 0.000001, perGiBHour: 0.000003 };
    });
    const price = hourlyPrice(tiny);
    // 0.333 × 1 µ = 0.333 µ → 0; 0.75 × 3 µ = 2.25 µ → 2.
    expect(price.breakdown.map((line) => line.amountMicros)).toEqual([0, 2]);
    expect(price.amountMicros).toBe(2);
  });

  it("prices a MIG slice by its own price, or as its share of the whole GPU", () => {
    expect(hourlyPrice(skuSpecOf("jupyterlab")).breakdown[0]).toEqual({
      dimension: "gpu",
      quantity: 1,
      gpuModel: A100,
      migProfile: "1g.10gb",
      unitPriceMicros: 250_000,
      amountMicros: 250_000,
    });
    const share = hourlyPrice(
      skuSpecOf("jupyterlab", (s) => (s.compute.gpu = { mode: "mig", model: A100, profile: "3g.40gb", count: 2 })),
    );
    // 3/7 of 1.49 = 0.638571… → 638,571 µ per slice.
    expect(share.breakdown[0]).toMatchObject({
      migProfile: "3g.40gb",
      unitPriceMicros: 638_571,
      amountMicros: 1_277_142,
    });
  });

  it("uses an org's negotiated prices, merged over the list prices per GPU model", () => {
    const pod = skuSpecOf("dev-pod-small", (s) => {
      s.pricing.orgOverrides = { acme: { perGpuHourByModel: { [H100]: 1.99 } }, globex: { perVcpuHour: 0.01 } };
    });
    const acme = hourlyPrice(pod, {}, "acme");
    expect(acme.orgOverride).toBe(true);
    expect(acme.breakdown.map((line) => line.unitPriceMicros)).toEqual([1_990_000, 12_000, 4_000]);
    // The A100 keeps its list price for Acme: the override only names the H100.
    expect(hourlyPrice(pod, { "compute.gpu.model": A100 }, "acme").breakdown[0]!.unitPriceMicros).toBe(1_490_000);
    expect(hourlyPrice(pod, {}, "globex").breakdown.map((line) => line.unitPriceMicros)).toEqual([
      2_490_000, 10_000, 4_000,
    ]);
    expect(hourlyPrice(pod, {}, "initech")).toMatchObject({ amountMicros: 2_570_000, orgOverride: false });
    expect(hourlyPrice(pod)).toMatchObject({ amountMicros: 2_570_000, orgOverride: false });
  });

  it("does not take inherited properties for organizations", () => {
    const app = skuSpecOf("openclaw");
    for (const orgId of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(hourlyPrice(app, {}, orgId)).toMatchObject({ amountMicros: 50_000, orgOverride: false });
    }
  });

  it("overrides a flat price per org", () => {
    const app = skuSpecOf("openclaw", (s) => (s.pricing.orgOverrides = { acme: { perHour: 0.03 } }));
    expect(hourlyPrice(app, {}, "acme")).toMatchObject({ amountMicros: 30_000, orgOverride: true });
  });

  it("returns token prices for a model priced per token, and no hourly amount", () => {
    const model = skuSpecOf("vllm-model", (s) => (s.pricing.orgOverrides = { acme: { perMillionOutputTokens: 0.45 } }));
    expect(hourlyPrice(model)).toMatchObject({
      basis: "tokens",
      amountMicros: 0,
      breakdown: [],
      tokens: { perMillionInputMicros: 200_000, perMillionOutputMicros: 600_000 },
    });
    expect(hourlyPrice(model, {}, "acme").tokens).toEqual({
      perMillionInputMicros: 200_000,
      perMillionOutputMicros: 450_000,
    });
  });

  it("prices a dedicated model per replica, from its minimum to its maximum scale", () => {
    const model = skuSpecOf("vllm-model", (s) => (s.pricing = { basis: "flat", perHour: 1.25 }));
    expect(hourlyPrice(model)).toMatchObject({
      amountMicros: 1_250_000,
      maxAmountMicros: 5_000_000,
      replicas: { min: 1, max: 4 },
    });
    expect(hourlyPrice(model, { "model.replicas.max": 8 })).toMatchObject({ maxAmountMicros: 10_000_000 });
  });

  it("refuses values resolveLaunch would have refused, rather than pricing garbage", () => {
    expect(() => hourlyPrice(skuSpecOf("dev-pod-small"), { "compute.cpu": "lots" })).toThrow();
    expect(() => hourlyPrice(skuSpecOf("dev-pod-small"), { "basics.name": "x" })).toThrow();
  });

  it("is an integer, linear in the GPU count and the sum of its lines (property)", () => {
    const priceDecimal = fc.integer({ min: 0, max: 10_000_000_000 }).map((micros) => micros / 1_000_000);
    fc.assert(
      fc.property(
        fc.record({ gpu: priceDecimal, vcpu: priceDecimal, gib: priceDecimal }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 100, max: 512_000 }).map((m) => m / 1000),
        fc.integer({ min: 1, max: 32_768 }).map((q) => q / 4),
        (prices, count, cpu, memoryGiB) => {
          const pod = skuSpecOf("dev-pod-small", (s) => {
            s.compute = { ...s.compute, cpu, memoryGiB, gpu: { mode: "whole", model: H100, count } };
            s.pricing = {
              basis: "perDimension",
              perGpuHourByModel: { [H100]: prices.gpu },
              perVcpuHour: prices.vcpu,
              perGiBHour: prices.gib,
            };
          });
          const price = hourlyPrice(pod);
          expect(Number.isSafeInteger(price.amountMicros)).toBe(true);
          expect(price.amountMicros).toBe(price.breakdown.reduce((sum, line) => sum + line.amountMicros, 0));
          expect(price.breakdown[0]!.amountMicros).toBe(count * toMicros(prices.gpu));
        },
      ),
      { numRuns: 300 },
    );
  });
});
