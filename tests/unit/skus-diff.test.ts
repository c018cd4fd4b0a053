// lib/skus/diff.ts: field-level diffs for version history and audit, with secrets redacted.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffOverrides, diffSpecs, diffValues, REDACTED } from "@/lib/skus/diff";
import { templateById } from "@/lib/skus/templates";
import { skuSpecOf } from "../builders/sku-specs";

describe("diffSpecs", () => {
  it("finds nothing between equal specs", () => {
    expect(diffSpecs(skuSpecOf("jupyterlab"), skuSpecOf("jupyterlab"))).toEqual([]);
  });

  it("lists changed, added and removed fields by path", () => {
    const before = skuSpecOf("dev-pod-small");
    const after = skuSpecOf("dev-pod-small", (s) => {
      s.compute.cpu = 6;
      s.basics.description = "Bigger";
      s.placement = { kaiQueue: "research" };
      delete s.policies.idleStopMinutes;
    });
    expect(diffSpecs(before, after)).toEqual([
      { path: "basics.description", from: "", to: "Bigger" },
      { path: "compute.cpu", from: 4, to: 6 },
      { path: "placement.kaiQueue", to: "research" },
      { path: "policies.idleStopMinutes", from: 120 },
    ]);
  });

  it("matches ports, variables and volumes by name, not by position", () => {
    const before = skuSpecOf("unsloth-studio");
    const after = skuSpecOf("unsloth-studio", (s) => {
      s.container.ports.shift(); // drop "studio"...
      s.container.ports[0].ui = true; // ...and serve the UI from "jupyter"
      s.container.volumes.reverse();
    });
    expect(diffSpecs(before, after)).toEqual([
      { path: "container.ports.studio", from: { name: "studio", containerPort: 8000, ui: true } },
      { path: "container.ports.jupyter.ui", from: false, to: true },
    ]);
  });

  it("compares lists without names (command, args, tags) whole", () => {
    const after = skuSpecOf("jupyterlab", (s) => {
      s.container.args = ["start-notebook.py"];
      s.basics.tags = ["python"];
    });
    expect(diffSpecs(skuSpecOf("jupyterlab"), after)).toEqual([
      { path: "basics.tags", from: ["python", "pytorch"], to: ["python"] },
      { path: "container.args", from: ["start-notebook.py", "--IdentityProvider.token="], to: ["start-notebook.py"] },
    ]);
  });

  it("quotes keys that are not plain words, such as MIG price keys", () => {
    const after = skuSpecOf("jupyterlab", (s) => (s.pricing.perGpuHourByModel["NVIDIA-A100-SXM4-80GB:1g.10gb"] = 0.3));
    expect(diffSpecs(skuSpecOf("jupyterlab"), after)).toEqual([
      { path: 'pricing.perGpuHourByModel["NVIDIA-A100-SXM4-80GB:1g.10gb"]', from: 0.25, to: 0.3 },
    ]);
  });

  it("shows that a secret changed, never its values", () => {
    const withSecret = (value: string) => skuSpecOf("unsloth-studio", (s) => (s.container.env[0].value = value));
    const changed = diffSpecs(withSecret("old-password-1"), withSecret("new-password-2"));
    expect(changed).toEqual([{ path: "container.env.UNSLOTH_STUDIO_PASSWORD.value", from: REDACTED, to: REDACTED }]);
  });

  it("redacts a secret variable added or removed whole", () => {
    const before = skuSpecOf("blank-app");
    const after = skuSpecOf(
      "blank-app",
      (s) => (s.container.env = [{ name: "API_KEY", value: "sk-live-123", secret: true }]),
    );
    expect(diffSpecs(before, after)).toEqual([
      { path: "container.env.API_KEY", to: { name: "API_KEY", value: REDACTED, secret: true } },
    ]);
    expect(diffSpecs(after, before)).toEqual([
      { path: "container.env.API_KEY", from: { name: "API_KEY", value: REDACTED, secret: true } },
    ]);
    expect(JSON.stringify(diffSpecs(before, after))).not.toContain("sk-live-123");
  });

  it("redacts both sides when a variable stops or starts being secret", () => {
    const secret = skuSpecOf(
      "blank-app",
      (s) => (s.container.env = [{ name: "TOKEN", value: "hunter2", secret: true }]),
    );
    const plain = skuSpecOf(
      "blank-app",
      (s) => (s.container.env = [{ name: "TOKEN", value: "public", secret: false }]),
    );
    const both = [...diffSpecs(secret, plain), ...diffSpecs(plain, secret)];
    expect(both.map((change) => change.path)).toEqual([
      "container.env.TOKEN.value",
      "container.env.TOKEN.secret",
      "container.env.TOKEN.value",
      "container.env.TOKEN.secret",
    ]);
    expect(JSON.stringify(both)).not.toMatch(/hunter2|public/);
  });

  it("reads a change of kind as changes of the fields that differ", () => {
    const paths = diffSpecs(skuSpecOf("blank-dev-pod"), skuSpecOf("blank-app")).map((change) => change.path);
    expect(paths).toEqual(expect.arrayContaining(["kind", "access.ssh", "access.https", "container.image"]));
  });
});

describe("diffOverrides", () => {
  it("matches overrides by path", () => {
    const before = templateById("dev-pod-small")!.overrides;
    const after = before
      .map((o) => (o.path === "compute.persistentGiB" ? { ...o, max: 2000 } : o))
      .filter((o) => o.path !== "policies.maxRuntimeHours");
    expect(diffOverrides(before, after)).toEqual([
      { path: 'overrides["compute.persistentGiB"].max', from: 1000, to: 2000 },
      {
        path: 'overrides["policies.maxRuntimeHours"]',
        from: { path: "policies.maxRuntimeHours", control: "choices", choices: [8, 24, 72, 168] },
      },
    ]);
  });
});

describe("diffValues (property)", () => {
  const json = fc.jsonValue({ maxDepth: 3 });

  it("is empty exactly when the values are deeply equal", () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(diffValues(a, structuredClone(a))).toEqual([]);
        expect(diffValues(a, b).length === 0).toBe(
          JSON.stringify(a) === JSON.stringify(b) || isDeepEqualIgnoringKeyOrder(a, b),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("names each changed path once", () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        const paths = diffValues(a, b).map((change) => change.path);
        expect(new Set(paths).size).toBe(paths.length);
      }),
      { numRuns: 500 },
    );
  });
});

function isDeepEqualIgnoringKeyOrder(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === "object"
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
