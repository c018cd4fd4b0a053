// lib/skus/overrides.ts: what users may change at launch, within what bounds. The property tests are the
// issue's "no value outside an override's bounds is ever accepted".
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { launchFormFields, parseOverrides, resolveLaunch, type SkuOverride, shownFields } from "@/lib/skus/overrides";
import type { SkuSpec } from "@/lib/skus/spec";
import { NUMERIC_OVERRIDE_PATHS, type NumericOverridePath, readPath } from "@/lib/skus/spec-paths";
import { templateById, templateSpec } from "@/lib/skus/templates";
import { skuSpecOf } from "../builders/sku-specs";

const H100 = "NVIDIA-H100-80GB-HBM3";
const A100 = "NVIDIA-A100-SXM4-80GB";

/** Developer Pod Small plus two variables: every numeric path except the model's has a default here. */
const POD = skuSpecOf("dev-pod-small", (spec) => {
  spec.container.env = [
    { name: "TOKEN", value: "", secret: true },
    { name: "GREETING", value: "hello" },
  ];
});
const MODEL = templateSpec(templateById("vllm-model")!);
const specFor = (path: string) => (path.startsWith("model.") ? MODEL : POD);

/** The oracle: inside [min, max] and a whole number of steps from min, decided on thousandths. */
function withinRange(value: unknown, min: number, max: number, step: number): boolean {
  if (typeof value !== "number" || value < min || value > max) return false;
  const thousandths = value * 1000;
  if (Math.abs(thousandths - Math.round(thousandths)) > 1e-9) return false;
  return (Math.round(thousandths) - Math.round(min * 1000)) % Math.round(step * 1000) === 0;
}

/** Values a form or an attacker could send, crowded around the bounds and the grid. */
function candidateValues(minT: number, stepT: number, count: number) {
  const grid = fc.integer({ min: -3, max: count + 3 }).map((k) => (minT + k * stepT) / 1000);
  return fc.oneof(
    grid,
    grid.map(String),
    grid.map((v) => ` ${v} `),
    fc.tuple(grid, fc.integer({ min: 1, max: Math.max(1, stepT - 1) })).map(([v, off]) => v + off / 1000),
    fc.tuple(grid, fc.constantFrom(1e-9, -1e-9, 1e-4, -1e-4, 0.0005)).map(([v, off]) => v + off),
    fc.double(),
    fc.integer({ min: -100_000, max: 100_000 }),
    fc.constantFrom(
      NaN,
      Infinity,
      -Infinity,
      -0,
      "",
      " ",
      "1e3",
      "0x10",
      "4abc",
      "١٢",
      null,
      true,
      [],
      {},
      [4],
      "Infinity",
    ),
    fc.string({ maxLength: 6 }),
  );
}

describe("resolveLaunch: range bounds (property)", () => {
  const bounds = fc
    .record({
      path: fc.constantFrom(...NUMERIC_OVERRIDE_PATHS),
      minT: fc.integer({ min: -2000, max: 200_000 }),
      stepT: fc.integer({ min: 1, max: 20_000 }),
      count: fc.integer({ min: 0, max: 40 }),
    })
    .chain((b) => fc.record({ b: fc.constant(b), value: candidateValues(b.minT, b.stepT, b.count) }));

  it("never accepts a value outside [min, max] or off the step grid", () => {
    let accepted = 0;
    fc.assert(
      fc.property(bounds, ({ b, value }) => {
        const [min, step, max] = [b.minT / 1000, b.stepT / 1000, (b.minT + b.count * b.stepT) / 1000];
        const override: SkuOverride = { path: b.path, control: "range", min, max, step };
        const result = resolveLaunch(specFor(b.path), [override], { [b.path]: value });
        if (!result.ok) return;
        accepted += 1;
        const applied = readPath(result.resolved, b.path);
        expect(
          withinRange(applied, min, max, step),
          `${b.path}=${JSON.stringify(value)} in [${min}, ${max}] step ${step}`,
        ).toBe(true);
        expect(applied).toBe(typeof value === "string" ? Number(value) : value);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(30);
  });

  // The other direction, so a resolver that refused everything could not pass: on-grid values inside the
  // schema's own limits are accepted.
  const DOMAINS: Record<NumericOverridePath, { lo: number; hi: number; unitT: number }> = {
    "compute.gpu.count": { lo: 1, hi: 16, unitT: 1000 },
    "compute.cpu": { lo: 0.1, hi: 512, unitT: 1 },
    "compute.memoryGiB": { lo: 0.25, hi: 8192, unitT: 250 },
    "compute.ephemeralGiB": { lo: 1, hi: 65_536, unitT: 1000 },
    "compute.persistentGiB": { lo: 1, hi: 65_536, unitT: 1000 },
    "policies.maxRuntimeHours": { lo: 1, hi: 8760, unitT: 1000 },
    "policies.idleStopMinutes": { lo: 5, hi: 10_080, unitT: 1000 },
    "model.replicas.min": { lo: 1, hi: 4, unitT: 1000 }, // the template's max is 4
    "model.replicas.max": { lo: 1, hi: 64, unitT: 1000 },
  };

  it("accepts every on-grid value inside bounds the spec allows", () => {
    const case_ = fc.constantFrom(...NUMERIC_OVERRIDE_PATHS).chain((path) => {
      const { lo, hi, unitT } = DOMAINS[path];
      const units = Math.floor(((hi - lo) * 1000) / unitT);
      return fc
        .tuple(fc.integer({ min: 0, max: units }), fc.integer({ min: 1, max: 50 }))
        .chain(([startUnits, stepUnits]) => {
          const steps = Math.floor((units - startUnits) / stepUnits);
          return fc.record({
            path: fc.constant(path),
            startUnits: fc.constant(startUnits),
            stepUnits: fc.constant(stepUnits),
            steps: fc.constant(steps),
            k: fc.integer({ min: 0, max: steps }),
            asString: fc.boolean(),
          });
        });
    });
    fc.assert(
      fc.property(case_, ({ path, startUnits, stepUnits, steps, k, asString }) => {
        const { lo, unitT } = DOMAINS[path];
        const loT = Math.round(lo * 1000);
        const min = (loT + startUnits * unitT) / 1000;
        const step = (stepUnits * unitT) / 1000;
        const max = (loT + (startUnits + steps * stepUnits) * unitT) / 1000;
        const value = (loT + (startUnits + k * stepUnits) * unitT) / 1000;
        const result = resolveLaunch(specFor(path), [{ path, control: "range", min, max, step }], {
          [path]: asString ? String(value) : value,
        });
        expect(result, `${path}=${value} in [${min}, ${max}] step ${step}`).toMatchObject({ ok: true });
        if (result.ok) expect(readPath(result.resolved, path)).toBe(value);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("resolveLaunch: choices, patterns, unknown keys and conditions (properties)", () => {
  it("never accepts a value that is not one of the choices", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 16 }), { minLength: 1, maxLength: 5 }),
        fc.oneof(
          fc.integer({ min: -2, max: 20 }),
          fc.integer({ min: -2, max: 20 }).map(String),
          fc.double(),
          fc.string({ maxLength: 3 }),
        ),
        (choices, value) => {
          const result = resolveLaunch(POD, [{ path: "compute.gpu.count", control: "choices", choices }], {
            "compute.gpu.count": value,
          });
          if (result.ok) expect(choices).toContain(readPath(result.resolved, "compute.gpu.count"));
          else expect(result.fields["compute.gpu.count"]).toBeDefined();
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("never accepts text that does not match the whole pattern", () => {
    const patterns = ["[a-z]{3,5}", "hf_[A-Za-z0-9]{4,}", "\\d+", "a|ab", "(?:x|y)*z"];
    const text = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.stringMatching(/^[a-z]{1,7}$/),
      fc.stringMatching(/^hf_[A-Za-z0-9]{0,6}$/),
      fc.constantFrom("ab", "a", "xyz", "z", "12a", "1 2", "abc\n"),
    );
    fc.assert(
      fc.property(fc.constantFrom(...patterns), text, (pattern, value) => {
        const override: SkuOverride = {
          path: "env.TOKEN",
          control: "pattern",
          pattern,
          patternMessageKey: "tokenFormat",
        };
        const result = resolveLaunch(POD, [override], { "env.TOKEN": value });
        const matches = new RegExp(`^(?:${pattern})$`, "u").test(value);
        expect(result.ok).toBe(matches);
        if (result.ok) expect(result.resolved.container.env.find((e) => e.name === "TOKEN")?.value).toBe(value);
        else expect(result.fields["env.TOKEN"]).toEqual({ key: value === "" ? "required" : "tokenFormat" });
      }),
      { numRuns: 1000 },
    );
  });

  it("refuses a key named __proto__ instead of letting it vanish into a prototype", () => {
    const values = JSON.parse('{"compute.cpu": 2, "__proto__": {"compute.memoryGiB": 64}}');
    const result = resolveLaunch(POD, [{ path: "compute.cpu", control: "range", min: 1, max: 8, step: 1 }], values);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.fields)).toEqual(["__proto__"]);
      expect(Object.getOwnPropertyDescriptor(result.fields, "__proto__")?.value).toEqual({ key: "unknownField" });
    }
  });

  it("never accepts a key that is not an overridable field of this SKU", () => {
    const overrides: SkuOverride[] = [{ path: "compute.cpu", control: "range", min: 1, max: 8, step: 1 }];
    fc.assert(
      fc.property(
        fc.string({ maxLength: 24 }).filter((k) => k !== "compute.cpu"),
        fc.anything(),
        (key, value) => {
          const result = resolveLaunch(POD, overrides, { "compute.cpu": 2, [key]: value });
          expect(result.ok).toBe(false);
          if (!result.ok) expect(["notOverridable", "unknownField"]).toContain(result.fields[key]?.key);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never accepts a value for a field whose condition is not met", () => {
    const unsloth = templateById("unsloth-studio")!;
    const spec = templateSpec(unsloth);
    fc.assert(
      fc.property(
        fc.constantFrom(A100, "NVIDIA-L40S"),
        fc.oneof(fc.constantFrom(1, 2, 4), fc.anything()),
        (model, count) => {
          const result = resolveLaunch(spec, unsloth.overrides, {
            "compute.gpu.model": model,
            "compute.gpu.count": count,
            "env.UNSLOTH_STUDIO_PASSWORD": "correct horse battery",
          });
          expect(result).toEqual({ ok: false, fields: { "compute.gpu.count": { key: "conditionNotMet" } } });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("resolveLaunch: examples", () => {
  const cpu: SkuOverride = { path: "compute.cpu", control: "range", min: 2, max: 16, step: 2 };

  it("applies the user's values and keeps every other field", () => {
    const result = resolveLaunch(
      POD,
      [cpu, { path: "env.GREETING", control: "pattern", pattern: "[a-z ]+", patternMessageKey: "greeting" }],
      {
        "compute.cpu": "8",
        "env.GREETING": "good morning",
      },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.resolved.compute.cpu).toBe(8);
    expect(result.resolved.container.env).toEqual([
      { name: "TOKEN", value: "", secret: true },
      { name: "GREETING", value: "good morning", secret: false },
    ]);
    expect({ ...result.resolved, compute: { ...result.resolved.compute, cpu: 4 }, container: POD.container }).toEqual(
      POD,
    );
  });

  it.each<[string, unknown, Record<string, unknown>]>([
    ["below min", 1, { key: "tooSmall", values: { limit: 2 } }],
    ["above max", 18, { key: "tooBig", values: { limit: 16 } }],
    ["off the grid", 5, { key: "step", values: { step: 2 } }],
    ["blank", "  ", { key: "required" }],
    ["not a number", "4 cores", { key: "number" }],
    ["NaN", NaN, { key: "number" }],
    ["a boolean", true, { key: "number" }],
  ])("refuses a CPU count %s", (_name, value, error) => {
    expect(resolveLaunch(POD, [cpu], { "compute.cpu": value })).toEqual({
      ok: false,
      fields: { "compute.cpu": error },
    });
  });

  it("names fields that exist but are not overridable apart from keys that name nothing", () => {
    expect(resolveLaunch(POD, [cpu], { "compute.memoryGiB": 16, "basics.name": "x", "env.UNSET": "1" })).toEqual({
      ok: false,
      fields: {
        "compute.memoryGiB": { key: "notOverridable" },
        "basics.name": { key: "unknownField" },
        "env.UNSET": { key: "notOverridable" },
      },
    });
  });

  it("refuses a value for an override the spec cannot honour", () => {
    const result = resolveLaunch(
      templateSpec(templateById("blank-app")!),
      [{ path: "compute.gpu.count", control: "range", min: 1, max: 4, step: 1 }],
      { "compute.gpu.count": 2 },
    );
    expect(result).toEqual({ ok: false, fields: { "compute.gpu.count": { key: "notOverridable" } } });
  });

  it("refuses input that is not an object", () => {
    for (const values of [null, [], "compute.cpu=4", 4])
      expect(resolveLaunch(POD, [cpu], values)).toEqual({ ok: false, fields: { _: { key: "invalid" } } });
  });

  it("asks for a required secret until it is given", () => {
    const token: SkuOverride = {
      path: "env.TOKEN",
      control: "pattern",
      pattern: ".{8,}",
      patternMessageKey: "secretTooShort",
    };
    expect(resolveLaunch(POD, [token], {})).toEqual({ ok: false, fields: { "env.TOKEN": { key: "required" } } });
    expect(resolveLaunch(POD, [token], { "env.TOKEN": "short" })).toEqual({
      ok: false,
      fields: { "env.TOKEN": { key: "secretTooShort" } },
    });
    expect(resolveLaunch(POD, [token], { "env.TOKEN": "long enough" }).ok).toBe(true);
  });

  it("re-validates the result: a GPU model offered without a price is refused on that field", () => {
    const spec = structuredClone(POD);
    const override: SkuOverride = { path: "compute.gpu.model", control: "choices", choices: [H100, "NVIDIA-B200"] };
    expect(resolveLaunch(spec, [override], { "compute.gpu.model": "NVIDIA-B200" })).toEqual({
      ok: false,
      fields: { "compute.gpu.model": { key: "gpuModelNotPriced", values: { model: "NVIDIA-B200" } } },
    });
  });

  it("reports a cross-field failure on the launch field that caused it", () => {
    const min: SkuOverride = { path: "model.replicas.min", control: "range", min: 1, max: 8, step: 1 };
    expect(resolveLaunch(MODEL, [min], { "model.replicas.min": 6 })).toEqual({
      ok: false,
      fields: { "model.replicas.max": { key: "tooSmall", values: { limit: 6 } } },
    });
  });

  it("shows a conditional field only while its condition holds, and so does the form", () => {
    const unsloth = templateById("unsloth-studio")!;
    const spec = templateSpec(unsloth);
    const password = { "env.UNSLOTH_STUDIO_PASSWORD": "correct horse battery" };
    expect(resolveLaunch(spec, unsloth.overrides, { ...password, "compute.gpu.count": 4 }).ok).toBe(true);
    expect(shownFields(spec, unsloth.overrides, {})).toEqual(
      new Set(["compute.gpu.model", "compute.gpu.count", "env.UNSLOTH_STUDIO_PASSWORD"]),
    );
    expect(shownFields(spec, unsloth.overrides, { "compute.gpu.model": A100 })).toEqual(
      new Set(["compute.gpu.model", "env.UNSLOTH_STUDIO_PASSWORD"]),
    );
    // A wrong model hides the count but the only error reported is the model's.
    expect(
      resolveLaunch(spec, unsloth.overrides, { ...password, "compute.gpu.model": "TPU", "compute.gpu.count": 2 }),
    ).toEqual({
      ok: false,
      fields: { "compute.gpu.model": { key: "choice" } },
    });
  });
});

describe("launchFormFields", () => {
  it("lists the fields in order with defaults and bounds, never a secret's default", () => {
    const spec = structuredClone(POD);
    spec.container.env[0]!.value = "sk-author-secret";
    const overrides: SkuOverride[] = [
      { path: "compute.gpu.model", control: "choices", choices: [H100, A100] },
      {
        path: "compute.gpu.count",
        control: "range",
        min: 1,
        max: 4,
        step: 1,
        condition: { field: "compute.gpu.model", equals: H100 },
      },
      { path: "env.TOKEN", control: "pattern", pattern: "sk-.+", patternMessageKey: "apiKey" },
    ];
    expect(launchFormFields(spec, overrides)).toEqual([
      {
        path: "compute.gpu.model",
        control: "choices",
        valueType: "text",
        secret: false,
        default: H100,
        required: false,
        choices: [H100, A100],
      },
      {
        path: "compute.gpu.count",
        control: "range",
        valueType: "number",
        secret: false,
        default: 1,
        required: false,
        min: 1,
        max: 4,
        step: 1,
        condition: { field: "compute.gpu.model", equals: H100 },
      },
      {
        path: "env.TOKEN",
        control: "pattern",
        valueType: "text",
        secret: true,
        required: false,
        pattern: "sk-.+",
        patternMessageKey: "apiKey",
      },
    ]);
    expect(JSON.stringify(launchFormFields(spec, overrides))).not.toContain("sk-author-secret");
  });
});

describe("parseOverrides (author time)", () => {
  const fieldsOf = (spec: SkuSpec, overrides: unknown) => {
    const result = parseOverrides(spec, overrides);
    return result.ok ? {} : result.fields;
  };

  it("accepts a list that fits the spec", () => {
    expect(parseOverrides(POD, [{ path: "compute.cpu", control: "range", min: 2, max: 8, step: 2 }])).toMatchObject({
      ok: true,
    });
  });

  it.each<[string, unknown[], Record<string, unknown>]>([
    [
      "a path the spec lacks",
      [{ path: "model.replicas.max", control: "range", min: 1, max: 4, step: 1 }],
      { "overrides.0.path": { key: "notInSpec" } },
    ],
    [
      "an unknown path",
      [{ path: "basics.name", control: "pattern", pattern: ".*", patternMessageKey: "x" }],
      { "overrides.0.path": { key: "notOverridable" } },
    ],
    [
      "a range on text",
      [{ path: "container.image", control: "range", min: 1, max: 2, step: 1 }],
      { "overrides.0.control": { key: "wrongControl" } },
    ],
    [
      "a pattern on a number",
      [{ path: "compute.cpu", control: "pattern", pattern: "\\d+", patternMessageKey: "x" }],
      { "overrides.0.control": { key: "wrongControl" } },
    ],
    [
      "text choices for a number",
      [{ path: "compute.cpu", control: "choices", choices: ["4"] }],
      { "overrides.0.choices": { key: "invalid" } },
    ],
    [
      "the same path twice",
      [
        { path: "compute.cpu", control: "choices", choices: [4] },
        { path: "compute.cpu", control: "choices", choices: [4] },
      ],
      {
        "overrides.1.path": { key: "duplicate" },
      },
    ],
    [
      "max below min",
      [{ path: "compute.cpu", control: "range", min: 8, max: 2, step: 1 }],
      {
        "overrides.0.max": { key: "tooSmall", values: { limit: 8 } },
      },
    ],
    [
      "max off the grid",
      [{ path: "compute.cpu", control: "range", min: 2, max: 9, step: 2 }],
      { "overrides.0.max": { key: "step", values: { step: 2 } } },
    ],
    [
      "a default outside the bounds",
      [{ path: "compute.cpu", control: "range", min: 8, max: 16, step: 2 }],
      { "overrides.0": { key: "defaultOutOfBounds" } },
    ],
    [
      "a default not among the choices",
      [{ path: "compute.gpu.model", control: "choices", choices: [A100] }],
      { "overrides.0": { key: "defaultOutOfBounds" } },
    ],
    [
      "a step of zero",
      [{ path: "compute.cpu", control: "range", min: 2, max: 8, step: 0 }],
      { "overrides.0.step": { key: "tooSmall", values: { limit: 0 } } },
    ],
    [
      "bounds finer than thousandths",
      [{ path: "compute.cpu", control: "range", min: 0.0001, max: 8, step: 1 }],
      {
        "overrides.0.min": { key: "precision", values: { decimals: 3 } },
      },
    ],
    [
      "a pattern that does not compile",
      [{ path: "container.image", control: "pattern", pattern: "([a-z]", patternMessageKey: "x" }],
      { "overrides.0.pattern": { key: "pattern" } },
    ],
    [
      "a message key that is not a key",
      [{ path: "container.image", control: "pattern", pattern: ".+", patternMessageKey: "Use a tag!" }],
      {
        "overrides.0.patternMessageKey": { key: "messageKey" },
      },
    ],
    [
      "a condition on a later field",
      [
        {
          path: "compute.gpu.count",
          control: "range",
          min: 1,
          max: 4,
          step: 1,
          condition: { field: "compute.gpu.model", equals: H100 },
        },
        { path: "compute.gpu.model", control: "choices", choices: [H100] },
      ],
      { "overrides.0.condition.field": { key: "conditionOrder" } },
    ],
    [
      "a condition no choice can meet",
      [
        { path: "compute.gpu.model", control: "choices", choices: [H100] },
        {
          path: "compute.gpu.count",
          control: "range",
          min: 1,
          max: 4,
          step: 1,
          condition: { field: "compute.gpu.model", equals: A100 },
        },
      ],
      { "overrides.1.condition.equals": { key: "choice" } },
    ],
    ["an unknown control", [{ path: "compute.cpu", control: "slider" }], { "overrides.0.control": { key: "choice" } }],
  ])("refuses %s", (_name, overrides, expected) => {
    expect(fieldsOf(POD, overrides)).toEqual(expected);
  });

  it("lets a pattern field start empty: each user then has to fill it", () => {
    expect(
      parseOverrides(POD, [
        { path: "env.TOKEN", control: "pattern", pattern: ".{8,}", patternMessageKey: "secretTooShort" },
      ]).ok,
    ).toBe(true);
  });
});
