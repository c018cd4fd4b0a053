// Secret variables of SKU versions: sealed at rest, redacted for clients, kept through redacted edits.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { REDACTED } from "@/lib/skus/diff";
import { specForBrowser } from "@/lib/skus/launch-values";
import type { SkuSpec } from "@/lib/skus/spec";
import { templateById, templateSpec } from "@/lib/skus/templates";

let secrets: typeof import("@/server/services/skus/secret-values");

function withEnv(env: SkuSpec["container"]["env"]): SkuSpec {
  const spec = structuredClone(templateSpec(templateById("blank-app")!));
  spec.container.env = env;
  return spec;
}

beforeAll(async () => {
  process.env.PORTICO_ENCRYPTION_KEY = randomBytes(32).toString("base64");
  secrets = await import("@/server/services/skus/secret-values");
});

describe("secret variables", () => {
  it("are sealed, opened back, and redacted for clients; plain variables and empty secrets are left alone", () => {
    const spec = withEnv([
      { name: "TOKEN", value: "t0ken", secret: true },
      { name: "ASK", value: "", secret: true },
      { name: "MODE", value: "x", secret: false },
    ]);
    const sealed = secrets.sealSecrets(spec, null);
    expect(sealed.container.env.map((e) => e.value)).toEqual([expect.stringMatching(/^v1:/), "", "x"]);
    expect(secrets.openSecrets(sealed).container.env.map((e) => e.value)).toEqual(["t0ken", "", "x"]);
    expect(secrets.redactSecrets(sealed).container.env.map((e) => e.value)).toEqual([REDACTED, "", "x"]);
  });

  it("keep the sealed text of an unchanged value (so diffs stay quiet) and reseal a changed one", () => {
    const before = secrets.sealSecrets(withEnv([{ name: "TOKEN", value: "one", secret: true }]), null);
    const same = secrets.sealSecrets(withEnv([{ name: "TOKEN", value: "one", secret: true }]), before);
    const changed = secrets.sealSecrets(withEnv([{ name: "TOKEN", value: "two", secret: true }]), before);
    expect(same.container.env[0]!.value).toBe(before.container.env[0]!.value);
    expect(changed.container.env[0]!.value).not.toBe(before.container.env[0]!.value);
    expect(secrets.openSecrets(changed).container.env[0]!.value).toBe("two");
  });

  it("restore a redacted value from the previous version, and refuse one the previous version never had", () => {
    const before = secrets.sealSecrets(withEnv([{ name: "TOKEN", value: "one", secret: true }]), null);
    const edited = secrets.redactSecrets(before);
    expect((secrets.restoreSecrets(edited, before) as SkuSpec).container.env[0]!.value).toBe("one");
    const renamed = withEnv([{ name: "OTHER", value: REDACTED, secret: true }]);
    expect(() => secrets.restoreSecrets(renamed, before)).toThrow(expect.objectContaining({ code: "validation" }));
  });
});

describe("the browser's copy of a spec", () => {
  it("has no secret values and only the viewing org's prices", () => {
    const spec = withEnv([{ name: "TOKEN", value: "t0ken", secret: true }]);
    spec.pricing = {
      basis: "flat",
      currency: "USD",
      perHour: 2,
      orgOverrides: { orgA: { perHour: 1.5 }, orgB: { perHour: 1 } },
    };
    const forA = specForBrowser(spec, "orgA");
    expect(forA.container.env[0]!.value).toBe("");
    expect(forA.pricing).toEqual({ basis: "flat", currency: "USD", perHour: 1.5, orgOverrides: {} });
    expect(specForBrowser(spec, "orgC").pricing).toEqual({
      basis: "flat",
      currency: "USD",
      perHour: 2,
      orgOverrides: {},
    });
    expect(JSON.stringify(specForBrowser(spec))).not.toContain("orgB");
  });
});
