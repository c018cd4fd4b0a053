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

const V1 = "cversion00000000000000001";
const V2 = "cversion00000000000000002";

describe("secret variables", () => {
  it("are sealed, opened back, and redacted for clients; plain variables and empty secrets are left alone", () => {
    const spec = withEnv([
      { name: "TOKEN", value: "t0ken", secret: true },
      { name: "ASK", value: "", secret: true },
      { name: "MODE", value: "x", secret: false },
    ]);
    const sealed = secrets.sealSecrets(spec, V1, null);
    expect(sealed.container.env.map((e) => e.value)).toEqual([expect.stringMatching(/^v2:/), "", "x"]);
    expect(secrets.openSecrets({ id: V1, spec: sealed }).container.env.map((e) => e.value)).toEqual(["t0ken", "", "x"]);
    expect(secrets.redactSecrets(sealed).container.env.map((e) => e.value)).toEqual([REDACTED, "", "x"]);
  });

  it("keep the sealed text of a value unchanged in its version, and reseal a changed one", () => {
    const before = secrets.sealSecrets(withEnv([{ name: "TOKEN", value: "one", secret: true }]), V1, null);
    const previous = { id: V1, spec: before };
    const same = secrets.sealSecrets(withEnv([{ name: "TOKEN", value: "one", secret: true }]), V1, previous);
    const changed = secrets.sealSecrets(withEnv([{ name: "TOKEN", value: "two", secret: true }]), V1, previous);
    expect(same.container.env[0]!.value).toBe(before.container.env[0]!.value);
    expect(changed.container.env[0]!.value).not.toBe(before.container.env[0]!.value);
    expect(secrets.openSecrets({ id: V1, spec: changed }).container.env[0]!.value).toBe("two");
  });

  it("are bound to their version and variable: a new draft reseals what it copies, a pasted value fails", () => {
    const v1 = secrets.sealSecrets(withEnv([{ name: "TOKEN", value: "one", secret: true }]), V1, null);
    const copied = secrets.sealSecrets(withEnv([{ name: "TOKEN", value: "one", secret: true }]), V2, {
      id: V1,
      spec: v1,
    });
    expect(copied.container.env[0]!.value).not.toBe(v1.container.env[0]!.value);
    expect(secrets.openSecrets({ id: V2, spec: copied }).container.env[0]!.value).toBe("one");
    // The same sealed text in another version's row, or under another variable's name, does not open.
    expect(() => secrets.openSecrets({ id: V2, spec: v1 })).toThrow();
    const renamed = structuredClone(v1);
    renamed.container.env[0]!.name = "OTHER";
    expect(() => secrets.openSecrets({ id: V1, spec: renamed })).toThrow();
  });

  it("restore a redacted value from the previous version, and refuse one the previous version never had", () => {
    const before = secrets.sealSecrets(withEnv([{ name: "TOKEN", value: "one", secret: true }]), V1, null);
    const edited = secrets.redactSecrets(before);
    const previous = { id: V1, spec: before };
    expect((secrets.restoreSecrets(edited, previous) as SkuSpec).container.env[0]!.value).toBe("one");
    const renamed = withEnv([{ name: "OTHER", value: REDACTED, secret: true }]);
    expect(() => secrets.restoreSecrets(renamed, previous)).toThrow(expect.objectContaining({ code: "validation" }));
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
