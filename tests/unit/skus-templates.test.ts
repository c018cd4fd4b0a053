// lib/skus/templates.ts: every template's defaults validate, and every value its launch form offers launches.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type LaunchFormField, launchFormFields, parseOverrides, resolveLaunch } from "@/lib/skus/overrides";
import { hourlyPrice } from "@/lib/skus/pricing";
import { parseSkuSpec } from "@/lib/skus/spec";
import { SKU_TEMPLATES, specFromDockerRun, templateById, templateSpec } from "@/lib/skus/templates";

const IDS = SKU_TEMPLATES.map((t) => t.id);

describe("SKU_TEMPLATES", () => {
  it("has the issue's templates, once each", () => {
    expect(IDS).toEqual([
      "blank-dev-pod",
      "blank-app",
      "blank-model",
      "dev-pod-small",
      "dev-pod-medium",
      "dev-pod-large",
      "jupyterlab",
      "unsloth-studio",
      "openclaw",
      "vllm-model",
    ]);
    expect(new Set(SKU_TEMPLATES.map((t) => t.spec.basics.name)).size).toBe(SKU_TEMPLATES.length);
  });

  it.each(IDS)("%s: the spec validates, its kind matches, and its overrides fit it", (id) => {
    const template = templateById(id)!;
    const parsed = parseSkuSpec(structuredClone(template.spec));
    expect(parsed).toMatchObject({ ok: true });
    if (!parsed.ok) return;
    expect(parsed.spec.kind).toBe(template.kind);
    expect(parseOverrides(parsed.spec, template.overrides)).toEqual({ ok: true, overrides: template.overrides });
    expect(() => hourlyPrice(parsed.spec)).not.toThrow();
  });

  it.each([
    ["dev-pod-small", 4, 8, 1],
    ["dev-pod-medium", 8, 16, 2],
    ["dev-pod-large", 16, 32, 4],
  ])("%s has %d CPU, %d GiB and %d GPU", (id, cpu, memoryGiB, gpus) => {
    expect(templateSpec(templateById(id)!).compute).toMatchObject({
      cpu,
      memoryGiB,
      gpu: { mode: "whole", count: gpus },
    });
  });

  it("launches with the defaults alone, except where a user must give a secret", () => {
    for (const template of SKU_TEMPLATES) {
      const spec = templateSpec(template);
      const result = resolveLaunch(spec, template.overrides, {});
      const required = launchFormFields(spec, template.overrides)
        .filter((f) => f.required)
        .map((f) => f.path);
      if (required.length === 0) expect(result, template.id).toMatchObject({ ok: true });
      else
        expect(result, template.id).toEqual({
          ok: false,
          fields: Object.fromEntries(required.map((path) => [path, { key: "required" }])),
        });
    }
  });

  /** Any value the form's own bounds allow; pattern fields get a value known to match their template. */
  function allowedValue(field: LaunchFormField) {
    if (field.choices) return fc.constantFrom(...field.choices);
    if (field.min !== undefined) {
      const steps = Math.round((field.max! - field.min) / field.step!);
      return fc.integer({ min: 0, max: steps }).map((k) => Math.round((field.min! + k * field.step!) * 1000) / 1000);
    }
    return fc.constant("a-long-enough-secret-value-0123456789");
  }

  it.each(IDS)("%s: every combination of values its launch form allows launches (property)", (id) => {
    const template = templateById(id)!;
    const spec = templateSpec(template);
    const fields = launchFormFields(spec, template.overrides);
    if (fields.length === 0) return;
    const values = fc.record(Object.fromEntries(fields.map((f) => [f.path, allowedValue(f)])), {
      requiredKeys: fields.filter((f) => f.required).map((f) => f.path),
    });
    fc.assert(
      fc.property(values, (chosen) => {
        // A conditional field is sent only while its condition holds, as the form would.
        const sent = Object.fromEntries(
          Object.entries(chosen).filter(([path]) => {
            const condition = fields.find((f) => f.path === path)?.condition;
            return (
              !condition ||
              (chosen[condition.field] ?? fields.find((f) => f.path === condition.field)?.default) === condition.equals
            );
          }),
        );
        expect(resolveLaunch(spec, template.overrides, sent), JSON.stringify(sent)).toMatchObject({ ok: true });
      }),
      { numRuns: 100 },
    );
  });
});

describe("specFromDockerRun", () => {
  it("fills the blank template of the guessed kind, which then validates", () => {
    const result = specFromDockerRun(
      "docker run -p 8080:80 --name web -e GREETING=hi nginxinc/nginx-unprivileged:1.27-alpine",
    );
    expect(result).toMatchObject({ ok: true, kind: "app" });
    if (!result.ok) return;
    expect(result.spec.basics).toMatchObject({ name: "web", displayName: "web", icon: "box" });
    expect(parseSkuSpec(result.spec)).toMatchObject({ ok: true });
  });

  it("gives pasted persistent volumes a size and leaves the GPU model to the author", () => {
    const result = specFromDockerRun("docker run --gpus 2 -v home:/home/dev ubuntu:24.04", "dev-pod");
    expect(result).toMatchObject({ ok: true, kind: "dev-pod" });
    if (!result.ok) return;
    expect(result.spec.compute).toMatchObject({ persistentGiB: 50, gpu: { mode: "whole", count: 2 } });
    expect(parseSkuSpec(result.spec)).toEqual({ ok: false, fields: { "compute.gpu.model": { key: "required" } } });
  });

  it("keeps the model block when the author chose a model", () => {
    const result = specFromDockerRun("vllm/vllm-openai:v0.11.0", "model");
    expect(result.ok && parseSkuSpec(result.spec)).toMatchObject({
      ok: true,
      spec: { kind: "model", model: { engine: "vllm" } },
    });
  });

  it("passes the parser's errors through", () => {
    expect(specFromDockerRun("docker run nginx")).toEqual({
      ok: false,
      fields: { "container.image": { key: "imageTag", values: { value: "nginx" } } },
    });
  });
});
