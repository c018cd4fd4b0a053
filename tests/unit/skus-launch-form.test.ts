// The launch form's state as the browser computes it, against what the server decides.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getIn, setIn } from "@/lib/skus/edit-path";
import { checkLaunchForm, initialFormValues, specForBrowser, valuesToSend } from "@/lib/skus/launch-values";
import { gpuModelsOf, launchFormFields, resolveLaunch, type SkuOverride } from "@/lib/skus/overrides";
import type { SkuSpec } from "@/lib/skus/spec";
import { templateById, templateSpec } from "@/lib/skus/templates";

const devPod = templateSpec(templateById("dev-pod-small")!);
const devPodOverrides = templateById("dev-pod-small")!.overrides;

function withSecretToken(): { spec: SkuSpec; overrides: SkuOverride[] } {
  const spec = structuredClone(devPod);
  spec.container.env = [
    { name: "TOKEN", value: "provider-default", secret: true },
    { name: "USER_KEY", value: "", secret: true },
  ];
  const overrides: SkuOverride[] = [
    ...devPodOverrides,
    { path: "env.TOKEN", control: "pattern", pattern: "^[a-z-]+$", patternMessageKey: "pattern" },
    { path: "env.USER_KEY", control: "pattern", pattern: "^k-[0-9]+$", patternMessageKey: "pattern" },
  ];
  return { spec, overrides };
}

describe("the launch form", () => {
  it("starts at the defaults, sends nothing untouched, and prices the template's default", () => {
    const fields = launchFormFields(devPod, devPodOverrides);
    const form = initialFormValues(fields);
    expect(form["compute.persistentGiB"]).toBe("100");
    const check = checkLaunchForm(devPod, devPodOverrides, fields, form);
    expect(check.values).toEqual({});
    expect(check.fields).toEqual({});
    expect(check.price?.amountMicros).toBe(2_570_000);
  });

  it("names a value off the grid and withholds the price until it is fixed", () => {
    const fields = launchFormFields(devPod, devPodOverrides);
    const bad = checkLaunchForm(devPod, devPodOverrides, fields, {
      ...initialFormValues(fields),
      "compute.persistentGiB": "75",
    });
    expect(bad.fields["compute.persistentGiB"]).toMatchObject({ key: "step" });
    expect(bad.price).toBeNull();
    const good = checkLaunchForm(devPod, devPodOverrides, fields, {
      ...initialFormValues(fields),
      "compute.persistentGiB": "200",
    });
    expect(good.values).toEqual({ "compute.persistentGiB": "200" });
    expect(good.price).not.toBeNull();
  });

  it("never has secret defaults, asks for required secrets, and leaves untouched ones to the server", () => {
    const { spec, overrides } = withSecretToken();
    const fields = launchFormFields(spec, overrides);
    const browserSpec = specForBrowser(spec);
    expect(JSON.stringify({ fields, browserSpec })).not.toContain("provider-default");
    const form = initialFormValues(fields);
    const missing = checkLaunchForm(browserSpec, overrides, fields, form);
    expect(Object.keys(missing.fields)).toEqual(["env.USER_KEY"]);
    const filled = checkLaunchForm(browserSpec, overrides, fields, { ...form, "env.USER_KEY": "k-42" });
    expect(filled.fields).toEqual({});
    expect(filled.values).toEqual({ "env.USER_KEY": "k-42" });
    // The server, with the real spec, accepts exactly what the browser sends and keeps the provider's token.
    const resolved = resolveLaunch(spec, overrides, filled.values);
    expect(resolved.ok && resolved.resolved.container.env.map((e) => e.value)).toEqual(["provider-default", "k-42"]);
  });

  it("sends a required field even while it holds its empty default, so browser and server both ask for it", () => {
    const spec = structuredClone(devPod);
    spec.container.env = [{ name: "PROJECT", value: "", secret: false }];
    const overrides: SkuOverride[] = [
      { path: "env.PROJECT", control: "pattern", pattern: "^[a-z]+$", patternMessageKey: "pattern" },
    ];
    const fields = launchFormFields(spec, overrides);
    const check = checkLaunchForm(spec, overrides, fields, initialFormValues(fields));
    expect(check.values).toEqual({ "env.PROJECT": "" });
    expect(Object.keys(check.fields)).toEqual(["env.PROJECT"]);
    expect(resolveLaunch(spec, overrides, check.values).ok).toBe(false);
  });

  it("agrees with the server on every value typed into a range field", () => {
    const fields = launchFormFields(devPod, devPodOverrides);
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -100, max: 1200 }).map(String), fc.string({ maxLength: 6 })), (typed) => {
        const form = { ...initialFormValues(fields), "compute.persistentGiB": typed };
        const browser = checkLaunchForm(devPod, devPodOverrides, fields, form);
        const server = resolveLaunch(devPod, devPodOverrides, browser.values);
        expect(Object.keys(browser.fields).length === 0).toBe(server.ok);
      }),
    );
  });

  it("sends a shown field only when it differs from its default", () => {
    const fields = launchFormFields(devPod, devPodOverrides);
    const shown = new Set(fields.map((f) => f.path));
    expect(valuesToSend(fields, shown, { ...initialFormValues(fields), "policies.maxRuntimeHours": "72" })).toEqual({
      "policies.maxRuntimeHours": "72",
    });
    expect(valuesToSend(fields, new Set(), { "policies.maxRuntimeHours": "72" })).toEqual({});
  });
});

describe("the GPU models a launch can end on", () => {
  it("are the spec's and the opened choices, once each; none without a GPU", () => {
    expect(gpuModelsOf(devPod, devPodOverrides)).toEqual([
      "NVIDIA-H100-80GB-HBM3",
      "NVIDIA-A100-SXM4-80GB",
      "NVIDIA-L40S",
    ]);
    expect(gpuModelsOf(devPod, [])).toEqual(["NVIDIA-H100-80GB-HBM3"]);
    expect(gpuModelsOf(templateSpec(templateById("blank-app")!), [])).toEqual([]);
  });
});

describe("editing by path", () => {
  it("writes without touching the original, makes containers on the way, and removes a key for undefined", () => {
    const original = { a: { b: [1, 2] } };
    const next = setIn(original, ["a", "b", 1], 5);
    expect(next).toEqual({ a: { b: [1, 5] } });
    expect(original).toEqual({ a: { b: [1, 2] } });
    expect(setIn({}, ["x", 0, "y"], "v")).toEqual({ x: [{ y: "v" }] });
    expect(setIn({ a: 1, b: 2 }, ["a"], undefined)).toEqual({ b: 2 });
    expect(getIn(next, ["a", "b", 1])).toBe(5);
    expect(getIn(next, ["a", "missing", 0])).toBeUndefined();
  });
});
