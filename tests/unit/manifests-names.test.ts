import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dns1035Label,
  dnsLabel,
  dnsSubdomain,
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  isLabelValue,
  labelValue,
  namespaceFor,
} from "@/server/cluster/manifests/names";

/** Any code point, plus strings of raw UTF-16 units (lone surrogates included). */
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), maxLength: 80 }),
  fc.constantFrom(
    "",
    "-",
    "a",
    "A",
    "Foo",
    "foo",
    "a b",
    "a-b",
    "a_b",
    "a.b",
    "ça va",
    "日本語",
    "0abc",
    "x".repeat(300),
  ),
);

const encoders = [
  { name: "dnsLabel", encode: (t: string) => dnsLabel(t), valid: isDns1123Label },
  {
    name: "dnsLabel(20)",
    encode: (t: string) => dnsLabel(t, 20),
    valid: (v: string) => isDns1123Label(v) && v.length <= 20,
  },
  { name: "dns1035Label", encode: (t: string) => dns1035Label(t), valid: isDns1035Label },
  { name: "dnsSubdomain", encode: (t: string) => dnsSubdomain(t), valid: isDns1123Subdomain },
  { name: "labelValue", encode: (t: string) => labelValue(t), valid: isLabelValue },
];

describe.each(encoders)("$name", ({ encode, valid }) => {
  it("always returns a valid value, for any Unicode input", () => {
    fc.assert(
      fc.property(anyText, (text) => valid(encode(text))),
      { numRuns: 500 },
    );
  });

  it("is deterministic", () => {
    fc.assert(fc.property(anyText, (text) => encode(text) === encode(`${text}`)));
  });

  it("keeps distinct inputs distinct (collision check over many samples)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(anyText, { minLength: 200, maxLength: 400 }), (texts) => {
        const outputs = new Set(texts.map(encode));
        return outputs.size === texts.length;
      }),
      { numRuns: 20 },
    );
  });

  it("separates inputs that sanitize to the same text", () => {
    const lookalikes = ["Foo", "foo", "FOO", "f o o", "f-o-o", "f_o_o", "foo!", "fóo", "foo-", "-foo"];
    expect(new Set(lookalikes.map(encode)).size).toBe(lookalikes.length);
  });
});

describe("readable results", () => {
  it("returns already valid text unchanged", () => {
    expect(dnsLabel("jupyter-1")).toBe("jupyter-1");
    expect(dnsSubdomain("a.b-c.d")).toBe("a.b-c.d");
    expect(labelValue("NVIDIA-H100-80GB-HBM3")).toBe("NVIDIA-H100-80GB-HBM3");
    expect(labelValue("")).toBe("");
  });

  it("keeps a readable stem and adds a 10-character hash when the text had to change", () => {
    expect(dnsLabel("My Jupyter Notebook")).toMatch(/^my-jupyter-notebook-[a-z0-9]{10}$/);
    expect(dns1035Label("42 things")).toMatch(/^x-42-things-[a-z0-9]{10}$/);
    expect(dnsLabel("x".repeat(100))).toHaveLength(63);
  });
});

describe("namespaceFor a project", () => {
  // Often the same few slugs: names must differ by project, not by how the slugs read or truncate.
  const slug = fc.oneof(
    fc.constantFrom("acme", "research", `${"a".repeat(30)}-one`, `${"a".repeat(30)}-two`),
    fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/),
  );
  /** Prisma cuid()s: a "c" and lowercase alphanumerics. */
  const projectId = fc.stringMatching(/^c[a-z0-9]{7,31}$/);

  it("is p-<project id>, whatever the slugs", () => {
    const id = "cm3x9k2p80000qwerty123456";
    expect(namespaceFor({ orgSlug: "acme", projectSlug: "research", projectId: id })).toBe(`p-${id}`);
    expect(() => namespaceFor({ orgSlug: "acme", projectSlug: "research", projectId: "Not-An-Id" })).toThrow();
  });

  it("never gives two projects the same namespace, nor one a workload stored before still uses", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ projectId, orgSlug: slug, projectSlug: slug }), {
          minLength: 2,
          maxLength: 100,
          selector: (p) => p.projectId,
        }),
        fc.array(fc.tuple(slug, slug), { maxLength: 100 }),
        (projects, legacyTenants) => {
          const names = projects.map(namespaceFor);
          const legacy = new Set(legacyTenants.map(([orgSlug, projectSlug]) => namespaceFor({ orgSlug, projectSlug })));
          return (
            names.every(isDns1123Label) && new Set(names).size === projects.length && !names.some((n) => legacy.has(n))
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("namespaceFor a workload stored without its project's id", () => {
  it("is p-<org>-<project> for plain slugs", () => {
    expect(namespaceFor({ orgSlug: "acme", projectSlug: "research" })).toBe("p-acme-research");
  });

  it("does not let dashes make two tenants collide", () => {
    const a = namespaceFor({ orgSlug: "a-b", projectSlug: "c" });
    const b = namespaceFor({ orgSlug: "a", projectSlug: "b-c" });
    expect(a).not.toBe(b);
    expect(a).not.toBe("p-a-b-c");
  });

  it("is a valid namespace name and injective over arbitrary tenants", () => {
    const slugish = fc.oneof(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/), anyText);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(slugish, slugish), {
          minLength: 100,
          maxLength: 200,
          selector: ([o, p]) => JSON.stringify([o, p]),
        }),
        (pairs) => {
          const names = pairs.map(([orgSlug, projectSlug]) => namespaceFor({ orgSlug, projectSlug }));
          return names.every(isDns1123Label) && new Set(names).size === pairs.length;
        },
      ),
      { numRuns: 30 },
    );
  });
});
