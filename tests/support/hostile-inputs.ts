/**
 * fast-check arbitraries for input nobody should send: wrong types, oversized strings, deep nesting,
 * `__proto__`/`constructor` keys (made by JSON.parse, as a request body would), unicode edge cases, and
 * ids of another tenant's rows.
 */
import fc from "fast-check";

/** Field names the app's schemas use, so hostile values reach the validators rather than being stripped. */
const KEYS = [
  "id",
  "orgId",
  "projectId",
  "skuId",
  "versionId",
  "clusterId",
  "membershipId",
  "deploymentId",
  "tokenId",
  "userId",
  "templateId",
  "name",
  "slug",
  "email",
  "role",
  "locale",
  "code",
  "key",
  "message",
  "spec",
  "yaml",
  "values",
  "content",
  "format",
  "desired",
  "gpuModel",
  "maxGpus",
  "enabled",
  "dryRun",
  "scope",
  "expiresInDays",
  "sharedWithAll",
  "orgs",
  "connection",
  "kubeconfig",
  "sshPublicKey",
  "testLaunches",
];

const EDGE_STRINGS = [
  "",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDFFFy",
  "\u202Eevil\u202C",
  "\u200F\u200E",
  "\uFEFF",
  "e\u0301",
  "🏳️‍🌈",
  "İı",
  "__proto__",
  "constructor",
  "../../etc/passwd",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "%00",
  "NaN",
  "-1",
  "1e309",
];

/** Strings: edge cases, arbitrary unicode, another tenant's ids, and oversized ones. */
export const hostileString = (tenantIds: string[]) =>
  fc.oneof(
    fc.constantFrom(...EDGE_STRINGS),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.constantFrom(...tenantIds),
    fc.constantFrom(...tenantIds).map((id) => `${id}\u0000`),
    fc.integer({ min: 1_000, max: 300_000 }).map((n) => "x".repeat(n)),
  );

/** `{ a: { a: … } }` or `[[…]]`, up to a thousand levels deep. */
const deeplyNested = fc.tuple(fc.integer({ min: 100, max: 1_000 }), fc.boolean()).map(([depth, asArray]) => {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
});

/** Objects whose own keys include `__proto__` and `constructor`, as JSON.parse makes them. */
const prototypeKeys = fc.constantFrom(
  '{"__proto__":{"isPlatformAdmin":true,"role":"platform-admin"}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"orgId":{"__proto__":{"toString":1}}}',
  '{"__proto__":[],"name":"x"}',
);

const hostileScalar = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, -0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 1e308),
  fc.double(),
  fc.bigInt().map(String),
);

/** A value for one field: wrong types, hostile strings, deep or prototype-keyed structures. */
export const hostileValue = (tenantIds: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: hostileString(tenantIds) },
    { weight: 2, arbitrary: hostileScalar },
    { weight: 1, arbitrary: deeplyNested },
    { weight: 1, arbitrary: prototypeKeys.map((json) => JSON.parse(json) as unknown) },
    { weight: 1, arbitrary: fc.array(hostileString(tenantIds), { maxLength: 3 }) },
  );

/** A whole input: something that is not an object at all, or an object of the app's field names. */
export const hostileInput = (tenantIds: string[]) =>
  fc.oneof(
    { weight: 1, arbitrary: hostileValue(tenantIds) },
    { weight: 1, arbitrary: prototypeKeys.map((json) => JSON.parse(json) as unknown) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.dictionary(fc.constantFrom(...KEYS), hostileValue(tenantIds), { maxKeys: 6 }), prototypeKeys)
        .chain(([fields, json]) =>
          fc.boolean().map((withProto) => (withProto ? Object.assign(JSON.parse(json), fields) : fields)),
        ),
    },
  );

/** A query string of the app's field names with hostile values (strings only: that is all a URL carries). */
export const hostileQuery = (tenantIds: string[]) =>
  fc
    .dictionary(fc.constantFrom(...KEYS, "__proto__", "constructor"), hostileString(tenantIds), { maxKeys: 4 })
    .map((fields) => new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, v.slice(0, 10_000)])));

/** A request body: JSON of a hostile input, or raw hostile text, under one content type or another. */
export const hostileBody = (tenantIds: string[]) =>
  fc.record({
    contentType: fc.constantFrom("application/json", "application/yaml", "text/plain", "", "application/json; x"),
    text: fc.oneof(
      hostileInput(tenantIds).map((input) => JSON.stringify(input) ?? "null"),
      hostileString(tenantIds),
      fc.constantFrom("{", "a: &a [*a, *a]", "!!js/function 'return 1'", "a:\n  - b\n - c"),
    ),
  });
